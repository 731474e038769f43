/// Finds what toml++ cannot be trusted with, before it sees the text. toml++ (in TOMLKit) is a
/// good parser, but two kinds of input take the whole process down instead of raising an error:
///
/// - Keys nested very deep. toml++ caps nested inline values (at 256) but not the parts of a
///   dotted key or table header, and walks the tables it built recursively, so `[a.a.a.…]` with a
///   few hundred thousand parts overflows the stack. Nesting through keys comes only from a table
///   header and a dotted key, each written on one line, so a cap on the dots per line (outside
///   strings and comments) bounds it. Floats and times also have dots; no real config has
///   hundreds of them on one line.
/// - A table header that does not start with a key (`[+a]`, `[` at the end of a line): toml++
///   asserts instead of reporting it, and its assertions stay on in release builds.
///
/// The scan knows strings, comments, and which lines start a statement (a line inside a
/// multi-line array may start with `[` too). It only has to be right for text that toml++ would
/// parse up to the point in question: toml++ stops at the first error anyway.
enum TOMLPreflight {
    static let maximumDotsPerLine = 256

    struct Problem: Equatable {
        var message: String
        var position: TextPosition
    }

    static func problem(in text: String) -> Problem? {
        var scanner = Scanner(bytes: Array(text.utf8))
        return scanner.firstProblem()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var lineStart = 0
        var dots = 0
        /// Open `[` and `{` of the value being read; a new line starts a statement only at zero.
        var valueDepth = 0
        var atStatementStart = true

        mutating func firstProblem() -> Problem? {
            while let byte = peek() {
                switch byte {
                case UInt8(ascii: "\n"):
                    index += 1
                    newLine()
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    index += 1
                case UInt8(ascii: "#"):
                    while let next = peek(), next != UInt8(ascii: "\n") { index += 1 }
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    atStatementStart = false
                    skipString()
                case UInt8(ascii: "[") where atStatementStart:
                    atStatementStart = false
                    if let problem = checkTableHeader() { return problem }
                case UInt8(ascii: "."):
                    atStatementStart = false
                    dots += 1
                    if dots > maximumDotsPerLine {
                        return problem("more than \(maximumDotsPerLine) dots outside strings on one line: keys nested too deep")
                    }
                    index += 1
                default:
                    atStatementStart = false
                    if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { valueDepth += 1 }
                    if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { valueDepth -= 1 }
                    index += 1
                }
            }
            return nil
        }

        /// At the `[` of a table header: the first thing inside (after a second `[` and blanks)
        /// must be a bare key character or a quote.
        private mutating func checkTableHeader() -> Problem? {
            index += peek(offset: 1) == UInt8(ascii: "[") ? 2 : 1
            while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
            guard let first = peek() else { return nil }
            if Self.isBareKeyByte(first) || first == UInt8(ascii: "\"") || first == UInt8(ascii: "'")
                || first == UInt8(ascii: "]")  // toml++ reports an empty header itself
            {
                return nil
            }
            return problem("a table header must start with a key")
        }

        private mutating func newLine() {
            line += 1
            lineStart = index
            dots = 0
            if valueDepth <= 0 {
                valueDepth = 0
                atStatementStart = true
            }
        }

        /// Skips a string of any of TOML's four kinds, from its opening quote. A single-line string
        /// left open ends at the line break (toml++ reports it).
        private mutating func skipString() {
            let quote = bytes[index]
            let isMultiline = starts(with: quote, count: 3)
            index += isMultiline ? 3 : 1
            while let byte = peek() {
                if byte == quote, !isMultiline || starts(with: quote, count: 3) {
                    index += isMultiline ? 3 : 1
                    // A multi-line string may end with one or two quotes right before its delimiter.
                    var extraQuotes = 0
                    while isMultiline, extraQuotes < 2, peek() == quote {
                        index += 1
                        extraQuotes += 1
                    }
                    return
                }
                if byte == UInt8(ascii: "\n") {
                    guard isMultiline else { return }
                    index += 1
                    line += 1
                    lineStart = index
                    dots = 0
                    continue
                }
                if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\""), let next = peek(offset: 1),
                    next != UInt8(ascii: "\n")
                {
                    index += 1  // the escaped byte cannot end the string
                }
                index += 1
            }
        }

        private func problem(_ message: String) -> Problem {
            // Columns count characters: skip UTF-8 continuation bytes.
            let column = bytes[lineStart..<min(index, bytes.count)].filter { $0 & 0xC0 != 0x80 }.count + 1
            return Problem(message: message, position: TextPosition(line: line, column: column))
        }

        private func peek(offset: Int = 0) -> UInt8? {
            index + offset < bytes.count ? bytes[index + offset] : nil
        }

        private func starts(with quote: UInt8, count: Int) -> Bool {
            index + count <= bytes.count && bytes[index..<index + count].allSatisfy { $0 == quote }
        }

        private static func isBareKeyByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                return true
            default:
                return false
            }
        }
    }
}
