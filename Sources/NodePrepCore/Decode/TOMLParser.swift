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
        case .date, .time, .dateTime: return .dateTime(value.debugDescription)
        }
    }
}
