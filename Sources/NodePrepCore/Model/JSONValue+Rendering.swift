extension JSONValue {
    /// JSON text with keys sorted and the given indentation, so the same value always renders to the
    /// same bytes (files are compared byte for byte to decide "unchanged").
    public func rendered(indent: Int = 2) -> String {
        var output = ""
        render(into: &output, indent: indent, depth: 0)
        return output
    }

    private func render(into output: inout String, indent: Int, depth: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .integer(let value): output += String(value)
        case .number(let value): output += JSONValue.numberText(value)
        case .string(let value): output += quotedLiteral(value)
        case .array(let items):
            renderContainer(
                items.map { (nil, $0) }, open: "[", close: "]", into: &output, indent: indent, depth: depth)
        case .object(let members):
            renderContainer(
                members.keys.sorted().map { ($0, members[$0]!) }, open: "{", close: "}",
                into: &output, indent: indent, depth: depth)
        }
    }

    /// Indent 0 renders on one line (`{"a": 1, "b": [2]}`), for `--explain` and log lines.
    private func renderContainer(
        _ entries: [(String?, JSONValue)], open: String, close: String,
        into output: inout String, indent: Int, depth: Int
    ) {
        guard !entries.isEmpty else {
            output += open + close
            return
        }
        let inner = indent == 0 ? "" : "\n" + String(repeating: " ", count: indent * (depth + 1))
        output += open
        for (index, (key, value)) in entries.enumerated() {
            output += index == 0 ? inner : (indent == 0 ? ", " : "," + inner)
            if let key {
                output += quotedLiteral(key) + ": "
            }
            value.render(into: &output, indent: indent, depth: depth + 1)
        }
        output += (indent == 0 ? "" : "\n" + String(repeating: " ", count: indent * depth)) + close
    }

    static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return String(value)
    }
}
