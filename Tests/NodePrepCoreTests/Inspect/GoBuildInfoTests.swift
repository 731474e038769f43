import Testing

@testable import NodePrepCore

/// Reading a Go binary's `.go.buildinfo` from hand-written ELF images: the fields nodeprep uses,
/// how little of the file it reads, and every malformed shape ending as "no build information".
struct GoBuildInfoTests {
    /// The reads a parse made, served from `bytes` as a file would serve them.
    final class ReadLog {
        let bytes: [UInt8]
        var requests: [(offset: UInt64, count: Int)] = []

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        func read(_ offset: UInt64, _ count: Int) -> [UInt8]? {
            requests.append((offset, count))
            guard offset <= UInt64(bytes.count), UInt64(count) <= UInt64(bytes.count) - offset else { return nil }
            return Array(bytes[Int(offset)..<Int(offset) + count])
        }

        var bytesRead: Int { requests.reduce(0) { $0 + $1.count } }
    }

    static func parse(_ bytes: [UInt8]) -> GoBuildInfo? {
        let log = ReadLog(bytes)
        return GoBuildInfo(executable: log.read)
    }

    static let containerd2ModuleInfo = """
        path\tgithub.com/containerd/containerd/v2/cmd/containerd
        mod\tgithub.com/containerd/containerd/v2\t(devel)\t
        dep\tgithub.com/containerd/log\tv0.1.0\th1:TCJt7ioM2cr/tfR8GPbGf9/VRAX8D2B4PjzCpfX540I=
        build\t-buildmode=exe
        build\t-compiler=gc
        build\t-ldflags="-s -w -X \\"github.com/containerd/containerd/v2/version.Version=v2.1.4\\" -X github.com/containerd/containerd/v2/version.Revision=75cb2b7"
        build\tCGO_ENABLED=1

        """

    @Test func readsTheMainPackageModuleAndLinkerFlags() throws {
        let info = try #require(Self.parse(ELFImage.goExecutable(moduleInfo: Self.containerd2ModuleInfo).bytes))
        #expect(info.goVersion == "go1.22.5")
        #expect(info.mainPackage == "github.com/containerd/containerd/v2/cmd/containerd")
        #expect(info.mainModule == GoBuildInfo.Module(path: "github.com/containerd/containerd/v2", version: "(devel)"))
        #expect(
            info.linkerFlags
                == #"-s -w -X "github.com/containerd/containerd/v2/version.Version=v2.1.4" -X github.com/containerd/containerd/v2/version.Revision=75cb2b7"#
        )
        #expect(info.linkerString("github.com/containerd/containerd/v2/version.Version") == "v2.1.4")
        #expect(info.linkerString("github.com/containerd/containerd/v2/version.Revision") == "75cb2b7")
        #expect(info.linkerString("github.com/containerd/containerd/version.Version") == nil)
    }

    /// The headers, the name table and the section: not the megabytes of code in between.
    @Test func readsOnlyTheHeadersAndTheSection() throws {
        var image = ELFImage.goExecutable(moduleInfo: Self.containerd2ModuleInfo)
        image.sections.insert((".text", [UInt8](repeating: 0x90, count: 4 << 20)), at: 0)
        let log = ReadLog(image.bytes)
        #expect(GoBuildInfo(executable: log.read)?.mainPackage == "github.com/containerd/containerd/v2/cmd/containerd")
        #expect(log.requests.count == 4)
        #expect(log.bytesRead < 2048, "\(log.requests)")
    }

    @Test(
        arguments: [
            ("-X a/b.V=1 -X=a/b.V=2", "2"),
            ("--X a/b.V=3", "3"),
            ("--X=a/b.V=4 -s", "4"),
            ("-X 'a/b.V=two words'", "two words"),
            ("all=-X a/b.V=5", "5"),
            ("  -X\ta/b.V=6\n", "6"),
            ("-X a/b.Version=7", nil),
            ("-X a/b.V", nil),
            ("-X", nil),
            ("-X 'a/b.V=8", nil),
        ] as [(String, String?)])
    func linkerStringsFollowTheLinkersFlagRules(flags: String, expected: String?) throws {
        let info = try #require(GoBuildInfo(goVersion: "go1.22.5", linkerFlags: flags))
        #expect(info.linkerString("a/b.V") == expected)
    }

    @Test(arguments: [
        (#""plain""#, "plain"),
        (#""say \"hi\" \\ there""#, #"say "hi" \ there"#),
        (#""tab\there\nline""#, "tab\there\nline"),
        (#""\x41\102\u00e9\U0001F600""#, "AB\u{e9}\u{1F600}"),
        ("`raw \\n`", "raw \\n"),
    ])
    func unquotesGoStringLiterals(literal: String, expected: String) {
        #expect(GoQuoting.unquote(literal[...]) == expected)
    }

    @Test(arguments: [
        #""open"#, #""bad \q escape""#, #""\x4""#, #""\400""#, #""\xzz""#, "`a`b`", "'single'", #""inner " quote""#,
    ])
    func malformedLiteralsAreNil(literal: String) {
        #expect(GoQuoting.unquote(literal[...]) == nil)
    }

    /// Every malformed file: no build information, and no crash.
    @Test(arguments: BrokenImage.allCases)
    func malformedFilesHaveNoBuildInformation(broken: BrokenImage) {
        #expect(Self.parse(broken.bytes) == nil)
    }

    enum BrokenImage: String, CaseIterable, CustomTestStringConvertible {
        case empty, shellScript, elf32, bigEndian, truncatedHeader, truncatedSectionTable, nameTableOutsideFile
        case sectionOutsideFile, sectionSizePastEnd, sectionWithoutContents, noBuildInfoSection, pointerLayout
        case wrongMagic, versionLengthPastEnd, endlessVarint, emptyGoVersion

        var testDescription: String { rawValue }

        var bytes: [UInt8] {
            let moduleInfo = "path\tgithub.com/containerd/containerd/cmd/containerd\n"
            var image = ELFImage.goExecutable(moduleInfo: moduleInfo)
            let buildInfoIndex = 2
            switch self {
            case .empty: return []
            case .shellScript: return Array("#!/bin/sh\necho containerd v1.7.20\n".utf8)
            case .elf32: image.elfClass = 1
            case .bigEndian: image.dataEncoding = 2
            case .truncatedHeader: return Array(image.bytes.prefix(40))
            case .truncatedSectionTable: return Array(image.bytes.dropLast(10))
            case .nameTableOutsideFile: image.offsetOverride[3] = 1 << 40
            case .sectionOutsideFile: image.offsetOverride[buildInfoIndex] = UInt64.max - 4
            case .sectionSizePastEnd: image.sizeOverride[buildInfoIndex] = 1 << 20
            case .sectionWithoutContents: image.typeOverride[buildInfoIndex] = 8  // SHT_NOBITS
            case .noBuildInfoSection: image.sections[1].name = ".data"
            case .pointerLayout: image.sections[1].contents = ELFImage.goBuildInfo(moduleInfo: moduleInfo, flags: 0)
            case .wrongMagic: image.sections[1].contents[1] = UInt8(ascii: "g")
            case .versionLengthPastEnd: image.sections[1].contents[32] = 0x7F
            case .endlessVarint:
                image.sections[1].contents =
                    Array(image.sections[1].contents.prefix(32)) + [UInt8](repeating: 0xFF, count: 40)
            case .emptyGoVersion:
                image.sections[1].contents = ELFImage.goBuildInfo(goVersion: "", moduleInfo: moduleInfo)
            }
            return image.bytes
        }
    }

    /// Module information that is not framed as the toolchain frames it is not trusted.
    @Test func unframedModuleInformationIsIgnored() throws {
        var section = ELFImage.goBuildInfo(moduleInfo: "")
        section.removeLast(33)  // the empty frame and its length
        let text = Array("path\tgithub.com/containerd/containerd/cmd/containerd\n".utf8)
        section += ELFImage.uvarint(UInt64(text.count)) + text
        let info = try #require(Self.parse(ELFImage(sections: [(".go.buildinfo", section)]).bytes))
        #expect(info.goVersion == "go1.22.5")
        #expect(info.mainPackage == nil)
    }
}

extension GoBuildInfo {
    /// Build information with just an `-ldflags` setting, for the linker flag rules; the value is a
    /// Go string literal when it needs to be (spaces, tabs, quotes), as `go build` records it.
    init?(goVersion: String, linkerFlags: String) {
        let needsQuotes = linkerFlags.contains { " \t\r\n\"`".contains($0) }
        let escaped = linkerFlags.map { character -> String in
            switch character {
            case "\\": return "\\\\"
            case "\"": return "\\\""
            case "\t": return "\\t"
            case "\n": return "\\n"
            default: return String(character)
            }
        }
        let value = needsQuotes ? "\"" + escaped.joined() + "\"" : linkerFlags
        let section = ELFImage.goBuildInfo(goVersion: goVersion, moduleInfo: "build\t-ldflags=\(value)\n")
        self.init(section: section)
    }
}
