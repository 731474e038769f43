/// The value of a plain scalar that YAML 1.1 types as a boolean, an integer or a number: `on`,
/// `0x1F`, `1_000`, `1:30` (sexagesimal, 90), `-.inf`.
///
/// The forms and results are those of Yams' constructors, which nodeprep used before it read YAML
/// through libyaml directly; a test compares every answer with Yams. Where Yams would trap, on a
/// sexagesimal integer that overflows, the value here is nil and the text stays a string.
enum YAMLScalarValue {
    /// `true`/`yes`/`on` and `false`/`no`/`off`, in any case.
    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// Decimal, `0b` binary, `0x` hexadecimal, `0o` or leading-`0` octal, or sexagesimal, each with
    /// an optional sign and `_` anywhere.
    static func int(_ text: String) -> Int? {
        let number = withoutUnderscores(text)
        if number == "0" { return 0 }
        let isNegative = number.hasPrefix("-")
        let body = number.dropFirst(isNegative || number.hasPrefix("+") ? 1 : 0)
        for (prefix, radix) in [("0x", 16), ("0b", 2), ("0o", 8), ("0", 8)] where body.hasPrefix(prefix) {
            return Int((isNegative ? "-" : "") + body.dropFirst(prefix.count), radix: radix)
        }
        if body.unicodeScalars.contains(":") {
            return sexagesimal(
                number, digit: { Int($0, radix: 10) }, add: { $0.addingReportingOverflow($1) },
                multiply: { $0.multipliedReportingOverflow(by: $1) })
        }
        return Int(number)
    }

    /// Decimal with an optional fraction and exponent, sexagesimal (`1:30.5`), `.inf` and `.nan`.
    static func float(_ text: String) -> Double? {
        switch text.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default:
            let number = withoutUnderscores(text)
            guard number.unicodeScalars.contains(":") else { return Double(number) }
            return sexagesimal(number, digit: { Double($0) }, add: { ($0 + $1, false) }, multiply: { ($0 * $1, false) })
        }
    }

    private static func withoutUnderscores(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        result.append(contentsOf: text.unicodeScalars.lazy.filter { $0 != "_" })
        return String(result)
    }

    /// `[-+]d:d:…`, each group a base-60 digit of any size, the last group the units; nil when a
    /// group is not a number or the value does not fit (`overflow`).
    private static func sexagesimal<Number: ExpressibleByIntegerLiteral>(
        _ text: String,
        digit: (String) -> Number?,
        add: (Number, Number) -> (partialValue: Number, overflow: Bool),
        multiply: (Number, Number) -> (partialValue: Number, overflow: Bool)
    ) -> Number? {
        var rest = Substring(text)
        let isNegative = rest.hasPrefix("-")
        if isNegative || rest.hasPrefix("+") { rest = rest.dropFirst() }
        var digits: [Number] = []
        for group in rest.unicodeScalars.split(separator: ":", omittingEmptySubsequences: false) {
            guard let value = digit(String(Substring(group))) else { return nil }
            digits.append(value)
        }
        // Units first: value += digit × 60^position, as Yams adds them up (the order matters to
        // a floating-point result). 60^position is computed only as far as there are groups.
        var value: Number = 0
        var base: Number = 1
        for (position, group) in digits.reversed().enumerated() {
            if position > 0 {
                let next = multiply(base, 60)
                guard !next.overflow else { return nil }
                base = next.partialValue
            }
            let term = multiply(group, base)
            let sum = add(value, term.partialValue)
            guard !term.overflow, !sum.overflow else { return nil }
            value = sum.partialValue
        }
        return isNegative ? multiply(value, -1).partialValue : value
    }
}
