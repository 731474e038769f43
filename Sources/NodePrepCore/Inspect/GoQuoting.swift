/// The two quoting rules a Go build information text uses: build setting values are Go string
/// literals when they hold spaces or quotes, and `-ldflags` is split into fields as `go build`
/// splits it.
enum GoQuoting {
    /// The fields of a flags string: separated by spaces, tabs and line breaks; a field that starts
    /// with `'` or `"` runs to the next same quote, taken as is (no escapes). An unterminated quote
    /// makes the whole string unusable (`go build` refuses it), so it yields no fields.
    static func fields(_ text: Substring) -> [String] {
        var fields: [String] = []
        var rest = text.utf8[...]
        let space: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        while true {
            rest = rest.drop(while: space)
            guard let first = rest.first else { return fields }
            if first == UInt8(ascii: "'") || first == UInt8(ascii: "\"") {
                rest = rest.dropFirst()
                guard let end = rest.firstIndex(of: first) else { return [] }
                fields.append(String(decoding: rest[..<end], as: UTF8.self))
                rest = rest[rest.index(after: end)...]
            } else {
                let field = rest.prefix { !space($0) }
                fields.append(String(decoding: field, as: UTF8.self))
                rest = rest.dropFirst(field.count)
            }
        }
    }

    /// The value of a Go string literal: `"…"` with Go's escapes, or a raw `` `…` ``; nil when it
    /// is not a well-formed literal.
    static func unquote(_ literal: Substring) -> String? {
        let bytes = Array(literal.utf8)
        guard bytes.count >= 2, let quote = bytes.first, bytes.last == quote else { return nil }
        let body = bytes[1..<bytes.count - 1]
        if quote == UInt8(ascii: "`") {
            return body.contains(quote) ? nil : String(decoding: body, as: UTF8.self)
        }
        guard quote == UInt8(ascii: "\"") else { return nil }
        var value: [UInt8] = []
        var rest = body
        while let byte = rest.popFirst() {
            switch byte {
            case quote, 0x0A: return nil
            case UInt8(ascii: "\\"):
                guard let escaped = unescape(&rest) else { return nil }
                value += escaped
            default: value.append(byte)
            }
        }
        return String(decoding: value, as: UTF8.self)
    }

    static let singleCharacterEscapes: [UInt8: UInt8] = [
        UInt8(ascii: "a"): 0x07, UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
        UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09, UInt8(ascii: "v"): 0x0B,
        UInt8(ascii: "\\"): UInt8(ascii: "\\"), UInt8(ascii: "\""): UInt8(ascii: "\""),
    ]

    /// The bytes one escape after a backslash stands for: `\n`, `\x41` (a byte), `\101` (octal),
    /// `\u00e9` and `\U0001F600` (a character, as UTF-8).
    private static func unescape(_ rest: inout ArraySlice<UInt8>) -> [UInt8]? {
        guard let letter = rest.popFirst() else { return nil }
        if let byte = singleCharacterEscapes[letter] { return [byte] }
        switch letter {
        case UInt8(ascii: "x"):
            return number(&rest, digits: 2, radix: 16).map { [UInt8($0)] }
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            rest = [letter] + rest
            return number(&rest, digits: 3, radix: 8).flatMap { $0 <= 0xFF ? [UInt8($0)] : nil }
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let scalar = number(&rest, digits: letter == UInt8(ascii: "u") ? 4 : 8, radix: 16)
                .flatMap(Unicode.Scalar.init)
            return scalar.map { Array(String($0).utf8) }
        default:
            return nil
        }
    }

    /// Exactly `digits` digits of `radix`, consumed.
    private static func number(_ rest: inout ArraySlice<UInt8>, digits: Int, radix: Int) -> UInt32? {
        let text = String(decoding: rest.prefix(digits), as: UTF8.self)
        guard text.count == digits, !text.hasPrefix("+"), !text.hasPrefix("-"), let value = UInt32(text, radix: radix)
        else { return nil }
        rest = rest.dropFirst(digits)
        return value
    }
}
