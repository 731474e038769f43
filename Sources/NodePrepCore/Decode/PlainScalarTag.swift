/// The type YAML 1.1 gives an untagged plain scalar (`true`, `0x1F`, `1e3`, `~`, `2024-01-01`): the
/// answer of YAML 1.1's resolution patterns, as Yams' default resolver applies them.
///
/// Yams matches those patterns with NSRegularExpression, which brings ICU's regex engine and
/// Unicode tables into a boot-time process. The patterns are small and ASCII-only, so they are
/// matched by hand here, rule by rule in Yams' order (bool, int, float, merge, null, timestamp,
/// value); a test compares every answer with Yams' own resolver.
enum PlainScalarTag {
    static func of(_ text: String) -> ScalarTag {
        let bytes = Array(text.utf8)[...]
        return of(bytes) ?? withoutFinalLineBreak(text).flatMap { of(Array($0.utf8)[...]) } ?? .str
    }

    /// ICU's `$` also matches before one line terminator that ends the text (no pattern can
    /// match the terminator itself). libyaml never leaves one at the end of a plain scalar; this
    /// keeps the answer exact for any string.
    private static func withoutFinalLineBreak(_ text: String) -> Substring? {
        if text.unicodeScalars.count >= 2, text.unicodeScalars.suffix(2).elementsEqual(["\r", "\n"]) {
            return Substring(text.unicodeScalars.dropLast(2))
        }
        guard let last = text.unicodeScalars.last, lineTerminators.contains(last) else { return nil }
        return Substring(text.unicodeScalars.dropLast())
    }

    private static let lineTerminators: Set<Unicode.Scalar> = [
        "\n", "\u{0B}", "\u{0C}", "\r", "\u{85}", "\u{2028}", "\u{2029}",
    ]

    private static let booleans: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
    ]
    private static let nulls: Set<String> = ["~", "null", "Null", "NULL", ""]

    private static func of(_ text: ArraySlice<UInt8>) -> ScalarTag? {
        let string = String(decoding: text, as: UTF8.self)
        if booleans.contains(string) { return .bool }
        if isInt(text) { return .int }
        if isFloat(text) { return .float }
        if string == "<<" { return .merge }
        if nulls.contains(string) { return .null }
        if isTimestamp(text) { return .timestamp }
        if string == "=" { return .value }
        return nil
    }

    // MARK: - int: [-+]?(0b[01_]+ | 0o?[0-7_]+ | 0 | [1-9][0-9_]* | 0x[0-9a-fA-F_]+ | [1-9][0-9_]*(:[0-5]?[0-9])+)

    private static func isInt(_ text: ArraySlice<UInt8>) -> Bool {
        var scanner = Scanner(text)
        scanner.skipSign()
        let body = scanner.rest
        if body.starts(with: Array("0b".utf8)) { return isNonEmpty(body.dropFirst(2), of: isBinaryDigitOrUnderscore) }
        if body.starts(with: Array("0x".utf8)) { return isNonEmpty(body.dropFirst(2), of: isHexDigitOrUnderscore) }
        if body.starts(with: Array("0o".utf8)), isNonEmpty(body.dropFirst(2), of: isOctalDigitOrUnderscore) {
            return true
        }
        if body.first == UInt8(ascii: "0") {
            return body.count == 1 || isNonEmpty(body.dropFirst(), of: isOctalDigitOrUnderscore)
        }
        guard let first = body.first, (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(first) else { return false }
        var digits = Scanner(body.dropFirst())
        digits.skip(while: isDigitOrUnderscore)
        return digits.isAtEnd || isSexagesimalTail(digits.rest)
    }

    /// `(:[0-5]?[0-9])+` to the end.
    private static func isSexagesimalTail(_ text: ArraySlice<UInt8>) -> Bool {
        var scanner = Scanner(text)
        guard scanner.skipSexagesimalGroups() else { return false }
        return scanner.isAtEnd
    }

    // MARK: - float

    private static func isFloat(_ text: ArraySlice<UInt8>) -> Bool {
        isDecimalFloat(text) || isDotFloat(text) || isSexagesimalFloat(text) || isInfinity(text) || isNaN(text)
    }

    /// `[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?`
    private static func isDecimalFloat(_ text: ArraySlice<UInt8>) -> Bool {
        var scanner = Scanner(text)
        scanner.skipSign()
        guard scanner.skipOne(isDigit) else { return false }
        scanner.skip(while: isDigitOrUnderscore)
        if scanner.skip(UInt8(ascii: ".")) { scanner.skip(while: isDigitOrUnderscore) }
        if scanner.skip(UInt8(ascii: "e")) || scanner.skip(UInt8(ascii: "E")) {
            scanner.skipSign()
            guard scanner.skipOne(isDigit) else { return false }
            scanner.skip(while: isDigit)
        }
        return scanner.isAtEnd
    }

    /// `\.[0-9_]+([eE][-+][0-9]+)?` (no sign, and the exponent's sign is required).
    private static func isDotFloat(_ text: ArraySlice<UInt8>) -> Bool {
        var scanner = Scanner(text)
        guard scanner.skip(UInt8(ascii: ".")), scanner.skipOne(isDigitOrUnderscore) else { return false }
        scanner.skip(while: isDigitOrUnderscore)
        if scanner.skip(UInt8(ascii: "e")) || scanner.skip(UInt8(ascii: "E")) {
            guard scanner.skip(UInt8(ascii: "-")) || scanner.skip(UInt8(ascii: "+")), scanner.skipOne(isDigit) else {
                return false
            }
            scanner.skip(while: isDigit)
        }
        return scanner.isAtEnd
    }

    /// `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*`
    private static func isSexagesimalFloat(_ text: ArraySlice<UInt8>) -> Bool {
        var scanner = Scanner(text)
        scanner.skipSign()
        guard scanner.skipOne(isDigit) else { return false }
        scanner.skip(while: isDigitOrUnderscore)
        guard scanner.skipSexagesimalGroups(), scanner.skip(UInt8(ascii: ".")) else { return false }
        scanner.skip(while: isDigitOrUnderscore)
        return scanner.isAtEnd
    }

    /// `[-+]?\.(inf|Inf|INF)`
    private static func isInfinity(_ text: ArraySlice<UInt8>) -> Bool {
        var scanner = Scanner(text)
        scanner.skipSign()
        return [".inf", ".Inf", ".INF"].contains(String(decoding: scanner.rest, as: UTF8.self))
    }

    /// `\.(nan|NaN|NAN)`
    private static func isNaN(_ text: ArraySlice<UInt8>) -> Bool {
        [".nan", ".NaN", ".NAN"].contains(String(decoding: text, as: UTF8.self))
    }

    // MARK: - timestamp

    /// `YYYY-MM-DD`, or `YYYY-M-D` followed by `T`/`t`/blanks, `h:mm:ss`, optional `.fraction` and
    /// an optional zone (`Z` or `±h[:mm]`, after optional blanks).
    private static func isTimestamp(_ text: ArraySlice<UInt8>) -> Bool {
        var date = Scanner(text)
        if date.skipDigits(4...4), date.skip(UInt8(ascii: "-")), date.skipDigits(2...2), date.skip(UInt8(ascii: "-")),
            date.skipDigits(2...2), date.isAtEnd
        {
            return true
        }
        var scanner = Scanner(text)
        guard scanner.skipDigits(4...4), scanner.skip(UInt8(ascii: "-")), scanner.skipDigits(1...2),
            scanner.skip(UInt8(ascii: "-")), scanner.skipDigits(1...2)
        else { return false }
        if !(scanner.skip(UInt8(ascii: "T")) || scanner.skip(UInt8(ascii: "t"))) {
            guard scanner.skipOne(isBlank) else { return false }
            scanner.skip(while: isBlank)
        }
        guard scanner.skipDigits(1...2), scanner.skip(UInt8(ascii: ":")), scanner.skipDigits(2...2),
            scanner.skip(UInt8(ascii: ":")), scanner.skipDigits(2...2)
        else { return false }
        if scanner.skip(UInt8(ascii: ".")) { scanner.skip(while: isDigit) }
        if scanner.isAtEnd { return true }
        scanner.skip(while: isBlank)
        if scanner.skip(UInt8(ascii: "Z")) { return scanner.isAtEnd }
        guard scanner.skip(UInt8(ascii: "-")) || scanner.skip(UInt8(ascii: "+")), scanner.skipDigits(1...2) else {
            return false
        }
        if scanner.skip(UInt8(ascii: ":")) {
            guard scanner.skipDigits(2...2) else { return false }
        }
        return scanner.isAtEnd
    }

    // MARK: - Characters

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isDigitOrUnderscore(_ byte: UInt8) -> Bool { isDigit(byte) || byte == UInt8(ascii: "_") }
    private static func isBinaryDigitOrUnderscore(_ byte: UInt8) -> Bool { "01_".utf8.contains(byte) }
    private static func isOctalDigitOrUnderscore(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) || byte == UInt8(ascii: "_")
    }
    private static func isHexDigitOrUnderscore(_ byte: UInt8) -> Bool {
        isDigitOrUnderscore(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    private static func isNonEmpty(_ text: ArraySlice<UInt8>, of accepted: (UInt8) -> Bool) -> Bool {
        !text.isEmpty && text.allSatisfy(accepted)
    }

    /// A cursor over the bytes; every `skip` consumes only on success.
    private struct Scanner {
        private(set) var rest: ArraySlice<UInt8>

        init(_ text: ArraySlice<UInt8>) {
            rest = text
        }

        var isAtEnd: Bool { rest.isEmpty }

        mutating func skip(_ byte: UInt8) -> Bool {
            skipOne({ $0 == byte })
        }

        @discardableResult
        mutating func skipOne(_ accepted: (UInt8) -> Bool) -> Bool {
            guard let first = rest.first, accepted(first) else { return false }
            rest = rest.dropFirst()
            return true
        }

        mutating func skip(while accepted: (UInt8) -> Bool) {
            while skipOne(accepted) {}
        }

        mutating func skipSign() {
            _ = skip(UInt8(ascii: "-")) || skip(UInt8(ascii: "+"))
        }

        /// Exactly `count.lowerBound` to `count.upperBound` digits, as many as there are.
        mutating func skipDigits(_ count: ClosedRange<Int>) -> Bool {
            var skipped = 0
            while skipped < count.upperBound, skipOne(PlainScalarTag.isDigit) { skipped += 1 }
            return skipped >= count.lowerBound
        }

        /// `(:[0-5]?[0-9])+`, matched greedily as the regex engine would backtrack to.
        mutating func skipSexagesimalGroups() -> Bool {
            var groups = 0
            while true {
                var probe = self
                guard probe.skip(UInt8(ascii: ":")) else { break }
                // `[0-5]?[0-9]`: two digits when the first is 0-5 and a digit follows, else one.
                if let first = probe.rest.first, (UInt8(ascii: "0")...UInt8(ascii: "5")).contains(first),
                    probe.rest.dropFirst().first.map(PlainScalarTag.isDigit) == true
                {
                    probe.rest = probe.rest.dropFirst(2)
                } else if !probe.skipOne(PlainScalarTag.isDigit) {
                    break
                }
                self = probe
                groups += 1
            }
            return groups > 0
        }
    }
}
