/// The lexical layer of ``TOMLSyntaxCheck``: strings, comments, blanks and line breaks, bytes.
extension TOMLSyntaxCheck {
    // MARK: - Strings

    mutating func basicString() throws(Failure) {
        index += 1
        while true {
            guard let byte = peek(), byte != UInt8(ascii: "\n") else { throw fail("unterminated string") }
            if byte == UInt8(ascii: "\"") {
                index += 1
                return
            }
            try stringByte(byte, basic: true)
        }
    }

    mutating func literalString() throws(Failure) {
        index += 1
        while true {
            guard let byte = peek(), byte != UInt8(ascii: "\n") else { throw fail("unterminated string") }
            if byte == UInt8(ascii: "'") {
                index += 1
                return
            }
            try stringByte(byte, basic: false)
        }
    }

    mutating func multilineString(basic: Bool) throws(Failure) {
        let quote = basic ? UInt8(ascii: "\"") : UInt8(ascii: "'")
        index += 3
        while true {
            guard let byte = peek() else { throw fail("unterminated string") }
            if starts(with: [quote, quote, quote]) {
                index += 3
                // Up to two more quotes end the content, right before the delimiter.
                for _ in 0..<2 where peek() == quote { index += 1 }
                return
            }
            if consumeNewline() { continue }
            if basic, byte == UInt8(ascii: "\\"), lineEndingBackslash() { continue }
            try stringByte(byte, basic: basic)
        }
    }

    /// A character of a string's content: no control character but tab; escapes in basic strings.
    mutating func stringByte(_ byte: UInt8, basic: Bool) throws(Failure) {
        if byte == UInt8(ascii: "\\") && basic { return try escape() }
        if (byte < 0x20 && byte != 0x09) || byte == 0x7F { throw fail("control character in a string") }
        index += 1
    }

    mutating func escape() throws(Failure) {
        let backslash = index
        index += 1
        guard let letter = peek() else { throw fail("unterminated string") }
        index += 1
        switch letter {
        case UInt8(ascii: "b"), UInt8(ascii: "t"), UInt8(ascii: "n"), UInt8(ascii: "f"), UInt8(ascii: "r"),
            UInt8(ascii: "\""), UInt8(ascii: "\\"):
            return
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = letter == UInt8(ascii: "u") ? 4 : 8
            guard index + count <= bytes.count,
                bytes[index..<index + count].allSatisfy(Self.radixes[UInt8(ascii: "x")]!),
                let code = UInt32(String(decoding: bytes[index..<index + count], as: UTF8.self), radix: 16),
                Unicode.Scalar(code) != nil
            else { throw Failure(message: "invalid Unicode escape", index: backslash) }
            index += count
        default:
            throw Failure(message: "invalid escape sequence", index: backslash)
        }
    }

    /// `\` then blanks and a line break, in a multi-line basic string: skips to the next content.
    mutating func lineEndingBackslash() -> Bool {
        var probe = index + 1
        while let byte = byte(at: probe), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { probe += 1 }
        let saved = index
        index = probe
        guard consumeNewline() else {
            index = saved
            return false
        }
        while consumeNewline() || consume(UInt8(ascii: " ")) || consume(UInt8(ascii: "\t")) {}
        return true
    }

    // MARK: - Blanks, comments, line breaks

    mutating func comment() throws(Failure) {
        index += 1
        while let byte = peek(), byte != UInt8(ascii: "\n") {
            if byte == UInt8(ascii: "\r") && self.byte(at: index + 1) == UInt8(ascii: "\n") { return }
            if (byte < 0x20 && byte != 0x09) || byte == 0x7F { throw fail("control character in a comment") }
            index += 1
        }
    }

    mutating func skipBlanksCommentsAndNewlines() throws(Failure) {
        while true {
            skipBlanks()
            if peek() == UInt8(ascii: "#") { try comment() }
            guard consumeNewline() else { return }
        }
    }

    mutating func skipBlanks() {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    }

    /// A line break is LF or CRLF; a CR alone is not one.
    mutating func consumeNewline() -> Bool {
        if consume(UInt8(ascii: "\n")) { return true }
        if starts(with: [UInt8(ascii: "\r"), UInt8(ascii: "\n")]) {
            index += 2
            return true
        }
        return false
    }

    // MARK: - Bytes

    func peek() -> UInt8? { byte(at: index) }

    func byte(at position: Int) -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    func starts(with prefix: [UInt8]) -> Bool {
        index + prefix.count <= bytes.count && bytes[index..<index + prefix.count].elementsEqual(prefix)
    }

    func digits(at position: Int, count: Int) -> Bool {
        position + count <= bytes.count && bytes[position..<position + count].allSatisfy(Self.isDecimalDigit)
    }

    func fail(_ message: String) -> Failure {
        Failure(message: message, index: index)
    }

    /// Line and column (in characters, 1-based) of a byte offset.
    func position(of offset: Int) -> TextPosition {
        let before = bytes[..<min(offset, bytes.count)]
        let lineStart = (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0
        let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        // Columns count characters: UTF-8 continuation bytes are not counted.
        let column = bytes[lineStart..<before.endIndex].filter { $0 & 0xC0 != 0x80 }.count + 1
        return TextPosition(line: line, column: column)
    }
}
