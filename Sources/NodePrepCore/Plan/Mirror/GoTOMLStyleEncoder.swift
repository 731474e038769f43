import TOMLKit

/// Writes TOMLKit values the way go-toml v2 marshals a Go `map[string]any`, which is how Spegel
/// re-emits the host tables it keeps from an earlier `hosts.toml` (prependExisting).
///
/// The rules, from go-toml v2's encoder: keys sorted by bytes; in each table the plain values
/// first, then sub-tables, the first sub-table after a blank line when plain values precede it and
/// every further one after a blank line; bare keys when ``TOMLBareKey`` allows, otherwise
/// single-quoted unless they hold a `'` or a control character; the same choice for string values;
/// arrays inline with `, `; an array whose elements are all tables as `[[…]]` array tables.
///
/// Floats and date-times cannot occur in a valid `hosts.toml`; they are written as valid TOML of
/// the same value, but not necessarily spelled as go-toml would spell them.
enum GoTOMLStyleEncoder {
    /// `[a.b]` followed by the table's contents; ends with a newline.
    static func table(_ table: TOMLTable, at path: [String]) -> String {
        "[" + dottedKey(path) + "]\n" + body(of: table, at: path)
    }

    private static func body(of table: TOMLTable, at path: [String]) -> String {
        let entries = sortedEntries(of: table)
        let plainValues = entries.filter { !isWrittenAsTable($0.value) }
        let tables = entries.filter { isWrittenAsTable($0.value) }
        var text = ""
        for (key, value) in plainValues {
            text += encodeKey(key) + " = " + inlineValue(value) + "\n"
        }
        for (position, (key, value)) in tables.enumerated() {
            if position > 0 || !plainValues.isEmpty { text += "\n" }
            let subPath = path + [key]
            if let subTable = value.table {
                text += Self.table(subTable, at: subPath)
            } else if let array = value.array {
                text += array.enumerated().map { element in
                    "[[" + dottedKey(subPath) + "]]\n" + body(of: element.element.table!, at: subPath)
                }.joined(separator: "\n")
            }
        }
        return text
    }

    /// A value on the right of `=`: tables become inline tables here, as in go-toml.
    private static func inlineValue(_ value: any TOMLValueConvertible) -> String {
        switch value.type {
        case .string: return encodeString(value.string!)
        case .int: return String(value.int!)
        case .bool: return value.bool! ? "true" : "false"
        case .double: return encodeDouble(value.double!)
        case .array:
            return "[" + value.array!.map(inlineValue).joined(separator: ", ") + "]"
        case .table:
            let pairs = sortedEntries(of: value.table!).map { encodeKey($0.key) + " = " + inlineValue($0.value) }
            return "{" + pairs.joined(separator: ", ") + "}"
        case .date: return encodeDate(value.date!)
        case .time: return encodeTime(value.time!)
        case .dateTime:
            let dateTime = value.dateTime!
            return encodeDate(dateTime.date) + "T" + encodeTime(dateTime.time)
                + (dateTime.offset.map(encodeOffset) ?? "")
        }
    }

    private static func sortedEntries(of table: TOMLTable) -> [(key: String, value: any TOMLValueConvertible)] {
        table.keys
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { (key: $0, value: table[$0]!) }
    }

    private static func isWrittenAsTable(_ value: any TOMLValueConvertible) -> Bool {
        if value.type == .table { return true }
        guard let array = value.array, !array.isEmpty else { return false }
        return array.allSatisfy { $0.type == .table }
    }

    private static func dottedKey(_ path: [String]) -> String {
        path.map(encodeKey).joined(separator: ".")
    }

    private static func encodeKey(_ key: String) -> String {
        if key.isEmpty { return "''" }
        return TOMLBareKey.isBare(key) ? key : encodeString(key)
    }

    /// Single-quoted when the text allows it, otherwise double-quoted with escapes.
    private static func encodeString(_ text: String) -> String {
        let needsEscapes = text.utf8.contains { byte in
            byte == UInt8(ascii: "'") || byte == 0x0A || byte == 0x0D || isControlByte(byte)
        }
        guard needsEscapes else { return "'" + text + "'" }
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): quoted += Array(#"\\"#.utf8)
            case UInt8(ascii: "\""): quoted += Array(#"\""#.utf8)
            case 0x08: quoted += Array(#"\b"#.utf8)
            case 0x0C: quoted += Array(#"\f"#.utf8)
            case 0x0A: quoted += Array(#"\n"#.utf8)
            case 0x0D: quoted += Array(#"\r"#.utf8)
            case 0x09: quoted += Array(#"\t"#.utf8)
            case _ where isControlByte(byte):
                let hex = Array("0123456789ABCDEF".utf8)
                quoted += Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default:
                quoted.append(byte)
            }
        }
        quoted.append(UInt8(ascii: "\""))
        return String(decoding: quoted, as: UTF8.self)
    }

    /// Control characters TOML strings may not hold as they are (tab, LF and CR are handled apart).
    private static func isControlByte(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
    }

    private static func encodeDouble(_ number: Double) -> String {
        if number.isNaN { return "nan" }
        if number.isInfinite { return number < 0 ? "-inf" : "inf" }
        return "\(number)"
    }

    private static func encodeDate(_ date: TOMLDate) -> String {
        padded(date.year, 4) + "-" + padded(date.month, 2) + "-" + padded(date.day, 2)
    }

    private static func encodeTime(_ time: TOMLTime) -> String {
        var text = padded(time.hour, 2) + ":" + padded(time.minute, 2) + ":" + padded(time.second, 2)
        if time.nanoSecond > 0 {
            var fraction = padded(time.nanoSecond, 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text
    }

    private static func encodeOffset(_ offset: TOMLTimeOffset) -> String {
        if offset.offset == 0 { return "Z" }
        let minutes = abs(offset.offset)
        return (offset.offset < 0 ? "-" : "+") + padded(minutes / 60, 2) + ":" + padded(minutes % 60, 2)
    }

    private static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
