/// Checks TOML text against the TOML 1.0 grammar before toml++ (in TOMLKit) parses it.
///
/// toml++ 3.4 is not safe with hostile text: on some invalid input its parser breaks its own
/// preconditions (a table header starting with `+`, a date-time with a stray letter), which aborts
/// the process through an assertion (left on in SwiftPM release builds) or, without assertions,
/// is undefined behaviour. With this check in front, toml++ only sees text whose every token is
/// well formed; what is left for it (a table defined twice, a month 13) it reports as errors.
///
/// It also bounds nesting, which toml++ does not do for keys: a table header of a few hundred
/// thousand parts overflowed the stack inside toml++'s recursive walk of the tables it built.
struct TOMLSyntaxCheck {
    struct Problem: Error, Equatable {
        var message: String
        var position: TextPosition
    }

    static let maximumKeyParts = TOMLParser.maximumDepth
    static let maximumValueDepth = TOMLParser.maximumDepth

    /// The first syntax error, or nil when the text is TOML 1.0 as far as syntax goes.
    static func problem(in text: String) -> Problem? {
        var check = TOMLSyntaxCheck(bytes: Array(text.utf8))
        do {
            try check.document()
            return nil
        } catch {
            return Problem(message: error.message, position: check.position(of: error.index))
        }
    }

    struct Failure: Error {
        var message: String
        var index: Int
    }

    let bytes: [UInt8]
    var index = 0

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    // MARK: - Lines, tables, keys

    private mutating func document() throws(Failure) {
        if starts(with: [0xEF, 0xBB, 0xBF]) { index += 3 }  // a UTF-8 byte order mark
        while true {
            skipBlanks()
            switch peek() {
            case nil: return
            case UInt8(ascii: "#"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): break
            case UInt8(ascii: "["): try tableHeader()
            default: try keyValue(depth: 0)
            }
            skipBlanks()
            if peek() == UInt8(ascii: "#") { try comment() }
            guard peek() != nil else { return }
            guard consumeNewline() else { throw fail("expected the end of the line") }
        }
    }

    private mutating func tableHeader() throws(Failure) {
        index += 1
        let isArrayOfTables = consume(UInt8(ascii: "["))
        skipBlanks()
        guard let first = peek(), TOMLBareKey.allows(first) || first == UInt8(ascii: "\"") || first == UInt8(ascii: "'")
        else { throw fail("a table header must start with a key") }
        try key()
        skipBlanks()
        guard consume(UInt8(ascii: "]")), !isArrayOfTables || consume(UInt8(ascii: "]")) else {
            throw fail(
                isArrayOfTables ? "expected ']]' to close the table header" : "expected ']' to close the table header")
        }
    }

    private mutating func keyValue(depth: Int) throws(Failure) {
        try key()
        skipBlanks()
        guard consume(UInt8(ascii: "=")) else { throw fail("expected '=' after the key") }
        skipBlanks()
        try value(depth: depth)
    }

    /// A simple or dotted key.
    private mutating func key() throws(Failure) {
        var parts = 0
        while true {
            let partStart = index
            switch peek() {
            case UInt8(ascii: "\""): try basicString()
            case UInt8(ascii: "'"): try literalString()
            case let byte? where TOMLBareKey.allows(byte):
                while let next = peek(), TOMLBareKey.allows(next) { index += 1 }
            default: throw fail("expected a key")
            }
            parts += 1
            guard parts <= Self.maximumKeyParts else {
                throw Failure(message: "a key has more than \(Self.maximumKeyParts) parts", index: partStart)
            }
            skipBlanks()
            guard consume(UInt8(ascii: ".")) else { return }
            skipBlanks()
        }
    }

    // MARK: - Values

    private mutating func value(depth: Int) throws(Failure) {
        guard let byte = peek() else { throw fail("expected a value") }
        switch byte {
        case UInt8(ascii: "\""): try starts(with: Array("\"\"\"".utf8)) ? multilineString(basic: true) : basicString()
        case UInt8(ascii: "'"): try starts(with: Array("'''".utf8)) ? multilineString(basic: false) : literalString()
        case UInt8(ascii: "t"): try word("true")
        case UInt8(ascii: "f"): try word("false")
        case UInt8(ascii: "i"): try word("inf")
        case UInt8(ascii: "n"): try word("nan")
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            guard depth < Self.maximumValueDepth else {
                throw fail("values nest more than \(Self.maximumValueDepth) levels deep")
            }
            try byte == UInt8(ascii: "[") ? array(depth: depth + 1) : inlineTable(depth: depth + 1)
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try numberOrDateTime()
        default:
            throw fail("expected a value")
        }
    }

    private mutating func array(depth: Int) throws(Failure) {
        index += 1
        while true {
            try skipBlanksCommentsAndNewlines()
            if consume(UInt8(ascii: "]")) { return }
            try value(depth: depth)
            try skipBlanksCommentsAndNewlines()
            if consume(UInt8(ascii: "]")) { return }
            guard consume(UInt8(ascii: ",")) else { throw fail("expected ',' or ']' in an array") }
        }
    }

    /// TOML 1.0: on one line, no trailing comma.
    private mutating func inlineTable(depth: Int) throws(Failure) {
        index += 1
        skipBlanks()
        if consume(UInt8(ascii: "}")) { return }
        while true {
            try keyValue(depth: depth)
            skipBlanks()
            if consume(UInt8(ascii: "}")) { return }
            guard consume(UInt8(ascii: ",")) else { throw fail("expected ',' or '}' in an inline table") }
            skipBlanks()
        }
    }

    private mutating func word(_ text: String) throws(Failure) {
        guard starts(with: Array(text.utf8)) else { throw fail("expected a value") }
        index += text.utf8.count
    }

    /// Integers (decimal, 0x, 0o, 0b), floats (with inf and nan), dates and times.
    private mutating func numberOrDateTime() throws(Failure) {
        if digits(at: index, count: 4) && byte(at: index + 4) == UInt8(ascii: "-") { return try dateTime() }
        if digits(at: index, count: 2) && byte(at: index + 2) == UInt8(ascii: ":") {
            return try time(withOffset: false)
        }
        let signed = consume(UInt8(ascii: "+")) || consume(UInt8(ascii: "-"))
        if peek() == UInt8(ascii: "i") || peek() == UInt8(ascii: "n") {
            return try word(peek() == UInt8(ascii: "i") ? "inf" : "nan")
        }
        if !signed, peek() == UInt8(ascii: "0"), let isDigit = byte(at: index + 1).flatMap({ Self.radixes[$0] }) {
            index += 2
            return try digitRun(isDigit)
        }
        let start = index
        try digitRun(Self.isDecimalDigit)
        if index - start > 1 && bytes[start] == UInt8(ascii: "0") { throw fail("leading zeros are not allowed") }
        if consume(UInt8(ascii: ".")) { try digitRun(Self.isDecimalDigit) }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            _ = consume(UInt8(ascii: "+")) || consume(UInt8(ascii: "-"))
            try digitRun(Self.isDecimalDigit)
        }
    }

    static let radixes: [UInt8: @Sendable (UInt8) -> Bool] = [
        UInt8(ascii: "x"): { isDecimalDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0 | 0x20) },
        UInt8(ascii: "o"): { (UInt8(ascii: "0")...UInt8(ascii: "7")).contains($0) },
        UInt8(ascii: "b"): { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "1") },
    ]

    /// One or more digits, with single underscores between two digits where `underscores` allows.
    private mutating func digitRun(_ isDigit: (UInt8) -> Bool, underscores: Bool = true) throws(Failure) {
        guard let first = peek(), isDigit(first) else { throw fail("expected a digit") }
        index += 1
        while let next = peek() {
            if isDigit(next) {
                index += 1
            } else if underscores, next == UInt8(ascii: "_"), let after = byte(at: index + 1), isDigit(after) {
                index += 2
            } else {
                return
            }
        }
    }

    /// `1979-05-27`, then optionally a time (after `T`, `t` or a space) with an optional offset.
    private mutating func dateTime() throws(Failure) {
        try fixedDigits(4, then: "-")
        try fixedDigits(2, then: "-")
        try fixedDigits(2)
        if consume(UInt8(ascii: "T")) || consume(UInt8(ascii: "t")) {
            try time(withOffset: true)
        } else if peek() == UInt8(ascii: " "), digits(at: index + 1, count: 2),
            byte(at: index + 3) == UInt8(ascii: ":")
        {
            index += 1
            try time(withOffset: true)
        }
    }

    private mutating func time(withOffset: Bool) throws(Failure) {
        try fixedDigits(2, then: ":")
        try fixedDigits(2, then: ":")
        try fixedDigits(2)
        // Fractions of a second are plain digits, unlike those of a float.
        if consume(UInt8(ascii: ".")) { try digitRun(Self.isDecimalDigit, underscores: false) }
        guard withOffset else { return }
        if consume(UInt8(ascii: "Z")) || consume(UInt8(ascii: "z")) { return }
        if consume(UInt8(ascii: "+")) || consume(UInt8(ascii: "-")) {
            try fixedDigits(2, then: ":")
            try fixedDigits(2)
        }
    }

    private mutating func fixedDigits(_ count: Int, then separator: Character? = nil) throws(Failure) {
        guard digits(at: index, count: count) else { throw fail("expected \(count) digits in a date or time") }
        index += count
        if let separator, !consume(separator.asciiValue!) { throw fail("expected '\(separator)' in a date or time") }
    }

    static func isDecimalDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
