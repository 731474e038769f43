import TOMLKit

/// Parses TOML text (a `containerd.config` string, an existing config.toml) into a ``TOMLValue``.
///
/// TOMLKit (toml++) does the parsing; its values are copied into nodeprep's own tree at once, so no
/// parser object outlives the call.
public enum TOMLParser {
    /// A TOML syntax error with its position in the TOML text, when one is known.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var position: TextPosition?

        public var description: String { position.map { "\($0): \(message)" } ?? message }

        /// ` at line 3:7`, or nothing when the position is unknown.
        var location: String { position.map { " at line \($0)" } ?? "" }
    }

    /// The deepest nesting of tables and arrays accepted. containerd's own keys nest seven levels
    /// (`plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options.BinaryName`), and
    /// everything nodeprep does with a tree (merging, rendering) recurses, so a limit keeps a
    /// hostile `containerd.config` from overflowing the stack.
    public static let maximumDepth = 64

    public static func parse(_ text: String) throws(SyntaxError) -> TOMLValue {
        convert(try parseTable(text).tomlValue)
    }

    /// The TOMLKit table, after the checks that keep toml++ and the recursive walks over its
    /// result safe: no NUL, TOML 1.0 syntax (``TOMLSyntaxCheck``), nothing nested deeper than
    /// ``maximumDepth``.
    static func parseTable(_ text: String) throws(SyntaxError) -> TOMLTable {
        // TOMLKit hands the text to C as a C string, which would silently end at a NUL byte; TOML
        // allows no NUL anywhere.
        if let nul = text.utf8.firstIndex(of: 0) {
            throw SyntaxError(message: "NUL character", position: position(of: nul, in: text))
        }
        if let problem = TOMLSyntaxCheck.problem(in: text) {
            throw SyntaxError(message: problem.message, position: problem.position)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw SyntaxError(
                message: error.description,
                position: TextPosition(line: error.source.begin.line, column: error.source.begin.column))
        } catch {
            throw SyntaxError(message: String(describing: error), position: nil)
        }
        try checkDepth(table.tomlValue, path: [])
        return table
    }

    /// Stops at the first value deeper than ``maximumDepth``, so it never recurses further itself.
    private static func checkDepth(_ value: TOMLKit.TOMLValue, path: [String]) throws(SyntaxError) {
        switch value.type {
        case .table, .array:
            guard path.count < maximumDepth else {
                let shown = path.prefix(3).joined(separator: ".")
                throw SyntaxError(
                    message: "tables and arrays nest more than \(maximumDepth) levels deep (under \(shown)…)",
                    position: nil)
            }
        default:
            return
        }
        if let table = value.table {
            for (key, child) in table {
                try checkDepth(child.tomlValue, path: path + [key])
            }
        }
        if let array = value.array {
            for (index, item) in array.enumerated() {
                try checkDepth(item.tomlValue, path: path + ["[\(index)]"])
            }
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

    /// The 1-based line and column (in characters) of a UTF-8 offset.
    private static func position(of offset: String.UTF8View.Index, in text: String) -> TextPosition {
        let before = text[..<offset]
        let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        let column = before.reversed().prefix { $0 != "\n" }.count + 1
        return TextPosition(line: line, column: column)
    }
}
