import TOMLKit

/// Parses TOML text (a `containerd.config` string, an existing config.toml) into a ``TOMLValue``.
///
/// TOMLKit (toml++) does the parsing; its values are copied into nodeprep's own tree at once, so no
/// parser object outlives the call.
public enum TOMLParser {
    /// A TOML syntax error with its position in the TOML text.
    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var position: TextPosition

        public var description: String { "\(position): \(message)" }
    }

    public static func parse(_ text: String) throws(SyntaxError) -> TOMLValue {
        do {
            return convert(try TOMLTable(string: text).tomlValue)
        } catch let error as TOMLParseError {
            throw SyntaxError(
                message: error.description,
                position: TextPosition(line: error.source.begin.line, column: error.source.begin.column))
        } catch {
            throw SyntaxError(message: String(describing: error), position: TextPosition(line: 1, column: 1))
        }
    }

    private static func convert(_ value: TOMLKit.TOMLValue) -> TOMLValue {
        switch value.type {
        case .table:
            var entries: [String: TOMLValue] = [:]
            if let table = value.table {
                for (key, child) in table {
                    entries[key] = convert(child.tomlValue)
                }
            }
            return .table(entries)
        case .array:
            return .array(value.array.map { $0.map { convert($0.tomlValue) } } ?? [])
        case .string: return .string(value.string ?? "")
        case .int: return .integer(Int64(value.int ?? 0))
        case .double: return .float(value.double ?? 0)
        case .bool: return .bool(value.bool ?? false)
        case .date: return .dateTime(value.date.map(text(of:)) ?? "")
        case .time: return .dateTime(value.time.map(text(of:)) ?? "")
        case .dateTime: return .dateTime(value.dateTime.map(text(of:)) ?? "")
        }
    }

    // TOML text for dates and times, written here because TOMLKit's own text gives a local date-time
    // (one without offset) the offset `Z`, which changes what it means.

    private static func text(of date: TOMLDate) -> String {
        padded(date.year, 4) + "-" + padded(date.month, 2) + "-" + padded(date.day, 2)
    }

    private static func text(of time: TOMLTime) -> String {
        var text = padded(time.hour, 2) + ":" + padded(time.minute, 2) + ":" + padded(time.second, 2)
        if time.nanoSecond > 0 {
            text += "." + padded(time.nanoSecond, 9).reversed().drop { $0 == "0" }.reversed()
        }
        return text
    }

    private static func text(of dateTime: TOMLDateTime) -> String {
        let text = text(of: dateTime.date) + "T" + text(of: dateTime.time)
        guard let minutes = dateTime.offset?.offset else { return text }
        guard minutes != 0 else { return text + "Z" }
        return text + (minutes < 0 ? "-" : "+") + padded(abs(minutes) / 60, 2) + ":" + padded(abs(minutes) % 60, 2)
    }

    private static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
