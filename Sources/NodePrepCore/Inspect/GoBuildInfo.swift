/// What the Go toolchain records in every binary it links: the Go version, the main package, the
/// main module and the build settings, in a section named `.go.buildinfo` (what `go version -m`
/// prints).
///
/// containerd is a Go program, and running it just to ask its version costs tens of milliseconds
/// and megabytes; its build information answers from a few kilobytes of the file. Only the inline
/// layout of Go 1.18 and later is read; older binaries keep pointers into the data segment instead,
/// and are "no build information" here.
public struct GoBuildInfo: Sendable, Equatable {
    public struct Module: Sendable, Equatable {
        public var path: String
        /// A module version such as `v2.1.4`, or `(devel)` for a build from a checkout.
        public var version: String
    }

    /// `go1.19.8`.
    public var goVersion: String
    /// The main package's import path (`github.com/containerd/containerd/cmd/containerd`).
    public var mainPackage: String?
    /// The main module; absent in GOPATH builds such as Debian's.
    public var mainModule: Module?
    /// The `-ldflags` build setting as given to `go build`; absent when there were none, and in
    /// builds with `-trimpath` (the toolchain leaves it out because it may contain local paths).
    public var linkerFlags: String?

    static let sectionName = ".go.buildinfo"
    static let magic: [UInt8] = [0xFF] + Array(" Go buildinf:".utf8)
    /// Go's own reader looks at no more than the first 64 KB.
    static let sectionLimit = 64 * 1024
    static let headerSize = 32
    /// Set in the header's flags byte when the strings follow the header instead of being pointed to.
    static let inlineStringsFlag: UInt8 = 2
    /// The module information is framed by 16 bytes on each side.
    static let moduleInfoFrame = 16

    /// The build information of the ELF executable `read` reads; nil when it is not a 64-bit
    /// little-endian ELF file, has no `.go.buildinfo` section, or uses the pre-1.18 layout.
    public init?(executable read: FileRangeReader) {
        guard let section = ELFSection.contents(named: Self.sectionName, limit: Self.sectionLimit, read: read) else {
            return nil
        }
        self.init(section: section)
    }

    /// Parses the section: 14 bytes of magic, the pointer size, the flags, padding to 32 bytes, then
    /// the Go version and the module information as length-prefixed (uvarint) strings.
    init?(section: [UInt8]) {
        guard section.count >= Self.headerSize, section.starts(with: Self.magic),
            section[15] & Self.inlineStringsFlag != 0
        else { return nil }
        var position = Self.headerSize
        guard let version = Self.lengthPrefixedString(in: section, at: &position), !version.isEmpty,
            let framed = Self.lengthPrefixedString(in: section, at: &position)
        else { return nil }
        goVersion = String(decoding: version, as: UTF8.self)
        for line in Self.unframed(framed).split(separator: "\n") {
            readModuleInfoLine(line)
        }
    }

    /// The value `-X name=value` gives the string variable `name` (`importpath.name`) in
    /// ``linkerFlags``; the last one wins, as in the linker.
    func linkerString(_ name: String) -> String? {
        guard let linkerFlags else { return nil }
        let prefix = name + "="
        var value: String?
        var fields = GoQuoting.fields(Self.withoutPackagePattern(linkerFlags))[...]
        while let field = fields.popFirst() {
            let definition: String?
            switch field {
            case "-X", "--X": definition = fields.popFirst()
            default:
                definition = ["-X=", "--X="].first(where: field.hasPrefix).map { String(field.dropFirst($0.count)) }
            }
            if let definition, definition.hasPrefix(prefix) {
                value = String(definition.dropFirst(prefix.count))
            }
        }
        return value
    }

    /// `-ldflags=all=-X …` applies the flags after the package pattern (`all=`) to the packages it
    /// matches; a value starting with `-` has no pattern.
    static func withoutPackagePattern(_ flags: String) -> Substring {
        let trimmed = flags.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard !trimmed.hasPrefix("-"), let equals = trimmed.firstIndex(of: "=") else { return trimmed }
        return trimmed[trimmed.index(after: equals)...]
    }

    /// One line of the module information: `path\t…`, `mod\t<path>\t<version>[\t<sum>]`,
    /// `build\t<key>=<value>`; the dependency lines are of no interest here.
    private mutating func readModuleInfoLine(_ line: Substring) {
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
        switch columns.first {
        case "path" where columns.count == 2:
            mainPackage = String(columns[1])
        case "mod" where columns.count >= 3:
            mainModule = Module(path: String(columns[1]), version: String(columns[2]))
        case "build" where columns.count == 2 && columns[1].hasPrefix("-ldflags="):
            let value = columns[1].dropFirst("-ldflags=".count)
            linkerFlags = value.first == "\"" || value.first == "`" ? GoQuoting.unquote(value) : String(value)
        default:
            break
        }
    }

    /// The module information without its frame; empty when it is not framed as the toolchain
    /// frames it (a newline right before the closing 16 bytes).
    static func unframed(_ bytes: ArraySlice<UInt8>) -> Substring {
        guard bytes.count >= 2 * moduleInfoFrame + 1,
            bytes[bytes.endIndex - moduleInfoFrame - 1] == UInt8(ascii: "\n")
        else {
            return ""
        }
        let inner = bytes.dropFirst(moduleInfoFrame).dropLast(moduleInfoFrame)
        return String(decoding: inner, as: UTF8.self)[...]
    }

    /// A uvarint length then that many bytes, advancing `position`; nil when it runs past the end.
    static func lengthPrefixedString(in bytes: [UInt8], at position: inout Int) -> ArraySlice<UInt8>? {
        var length: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count, shift < 64 else { return nil }
            let byte = bytes[position]
            position += 1
            length |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        guard length <= UInt64(bytes.count - position) else { return nil }
        defer { position += Int(length) }
        return bytes[position..<position + Int(length)]
    }
}
