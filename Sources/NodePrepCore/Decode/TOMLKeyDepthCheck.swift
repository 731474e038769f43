/// Finds TOML text whose keys nest too deep for toml++ to walk.
///
/// toml++ caps nested inline values (at 256) but not the parts of a dotted key or table header,
/// and it walks the tables it built recursively, so `[a.a.a.…]` with a few hundred thousand parts
/// overflows the stack inside the parser, before nodeprep sees the result. Nesting through keys
/// comes only from a table header and a dotted key, each written on one line, so a cap on the dots
/// per line (outside strings and comments) bounds it. Floats and times also have dots; no real
/// config has hundreds of them on one line.
enum TOMLKeyDepthCheck {
    static let maximumDotsPerLine = 256

    /// The first line (1-based) with more than ``maximumDotsPerLine`` dots outside strings and
    /// comments, or nil when there is none.
    static func firstCrowdedLine(in text: String) -> Int? {
        var scanner = Scanner(bytes: Array(text.utf8))
        return scanner.firstCrowdedLine()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var dots = 0

        mutating func firstCrowdedLine() -> Int? {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\n"):
                    newLine()
                    index += 1
                case UInt8(ascii: "#"):
                    while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    skipString()
                case UInt8(ascii: "."):
                    dots += 1
                    if dots > maximumDotsPerLine { return line }
                    index += 1
                default:
                    index += 1
                }
            }
            return nil
        }

        private mutating func newLine() {
            line += 1
            dots = 0
        }

        /// Skips a string of any of TOML's four kinds, from its opening quote. A single-line string
        /// left open ends at the line break (the parser reports it).
        private mutating func skipString() {
            let quote = bytes[index]
            let isMultiline = starts(with: quote, count: 3)
            index += isMultiline ? 3 : 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == quote, !isMultiline || starts(with: quote, count: 3) {
                    index += isMultiline ? 3 : 1
                    // A multi-line string may end with one or two quotes right before its delimiter.
                    var extraQuotes = 0
                    while isMultiline, extraQuotes < 2, index < bytes.count, bytes[index] == quote {
                        index += 1
                        extraQuotes += 1
                    }
                    return
                }
                if byte == UInt8(ascii: "\n") {
                    guard isMultiline else { return }
                    newLine()
                } else if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\""),
                    index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "\n")
                {
                    index += 1  // the escaped byte cannot end the string
                }
                index += 1
            }
        }

        private func starts(with quote: UInt8, count: Int) -> Bool {
            index + count <= bytes.count && bytes[index..<index + count].allSatisfy { $0 == quote }
        }
    }
}
