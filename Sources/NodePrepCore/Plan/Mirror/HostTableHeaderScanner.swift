/// Finds the `[host.X]` table headers of a `hosts.toml`, in the order they appear in the file.
///
/// containerd tries mirror hosts in file order, and (since 2.0) only uses hosts declared by such a
/// header. TOMLKit hands tables back sorted by key, so the order has to come from the text. The
/// scanner knows just enough TOML to not be fooled: comments, and all four string kinds (a
/// multi-line string may hold a line that looks like a header). It runs only on text TOMLKit has
/// already parsed, so it can skip over anything else: a line of a multi-line array may start with
/// `[`, but no array element can read as a dotted `host.X` key.
struct HostTableHeaderScanner {
    private let bytes: [UInt8]
    private var index = 0

    /// The X of every `[host.X]` header (two key parts, the first `host`), unquoted, in file order.
    /// Headers with more parts (`[host.'X'.header]`) and array tables (`[[host.X]]`) are not hosts.
    static func hostNames(in text: String) -> [String] {
        var scanner = HostTableHeaderScanner(bytes: Array(text.utf8))
        return scanner.scan()
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func scan() -> [String] {
        var names: [String] = []
        var atLineStart = true
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\n"):
                atLineStart = true
                index += 1
            case UInt8(ascii: "#"):
                while let next = peek(), next != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                _ = readString()
                atLineStart = false
            case UInt8(ascii: "[") where atLineStart:
                let isArrayTable = peek(offset: 1) == UInt8(ascii: "[")
                index += isArrayTable ? 2 : 1
                if let key = readHeaderKey(), !isArrayTable, key.count == 2, key[0] == "host" {
                    names.append(key[1])
                }
                atLineStart = false
            default:
                atLineStart = false
                index += 1
            }
        }
        return names
    }

    /// The dotted key of a table header, up to and including its closing `]`; nil if malformed.
    private mutating func readHeaderKey() -> [String]? {
        var parts: [String] = []
        while true {
            skipBlanks()
            guard let part = readSimpleKey() else { return nil }
            parts.append(part)
            skipBlanks()
            switch peek() {
            case UInt8(ascii: "."):
                index += 1
            case UInt8(ascii: "]"):
                index += 1
                return parts
            default:
                return nil
            }
        }
    }

    private mutating func readSimpleKey() -> String? {
        switch peek() {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return readString()
        default:
            let start = index
            while let byte = peek(), TOMLBareKey.allows(byte) { index += 1 }
            return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
        }
    }

    /// Reads any of TOML's four string kinds starting at the opening quote; returns its value.
    private mutating func readString() -> String? {
        guard let quote = peek() else { return nil }
        let isBasic = quote == UInt8(ascii: "\"")
        let isMultiline = peek(offset: 1) == quote && peek(offset: 2) == quote
        index += isMultiline ? 3 : 1
        var value: [UInt8] = []
        while let byte = peek() {
            if byte == quote && (!isMultiline || (peek(offset: 1) == quote && peek(offset: 2) == quote)) {
                index += isMultiline ? 3 : 1
                // A multi-line string may end with one or two quotes right before its delimiter.
                var extraQuotes = 0
                while isMultiline && extraQuotes < 2 && peek() == quote {
                    value.append(quote)
                    index += 1
                    extraQuotes += 1
                }
                return String(decoding: value, as: UTF8.self)
            }
            if isBasic && byte == UInt8(ascii: "\\") {
                index += 1
                value += readEscape()
            } else {
                if !isMultiline && byte == UInt8(ascii: "\n") { return nil }
                value.append(byte)
                index += 1
            }
        }
        return nil
    }

    /// The bytes an escape sequence (after its backslash) stands for.
    private mutating func readEscape() -> [UInt8] {
        guard let letter = peek() else { return [] }
        index += 1
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "b"): 0x08, UInt8(ascii: "t"): 0x09, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "f"): 0x0C,
            UInt8(ascii: "r"): 0x0D, UInt8(ascii: "e"): 0x1B, UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C,
        ]
        if let byte = simple[letter] { return [byte] }
        let hexLength: [UInt8: Int] = [UInt8(ascii: "x"): 2, UInt8(ascii: "u"): 4, UInt8(ascii: "U"): 8]
        if let length = hexLength[letter], index + length <= bytes.count,
            let code = UInt32(String(decoding: bytes[index..<index + length], as: UTF8.self), radix: 16),
            let scalar = Unicode.Scalar(code)
        {
            index += length
            return Array(String(Character(scalar)).utf8)
        }
        // A line-ending backslash in a multi-line string: skip the line break and leading blanks.
        while let byte = peek(), [0x20, 0x09, 0x0A, 0x0D].contains(byte) { index += 1 }
        return []
    }

    private mutating func skipBlanks() {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    }

    private func peek(offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }
}
