extension TOMLValue {
    /// The value as a TOML document, in the style of containerd's own files: keys sorted, strings in
    /// double quotes, one `[full.dotted.header]` per table that holds values, a blank line between tables.
    ///
    /// Sorting makes the output a function of the value alone, so rendering the same configuration
    /// twice gives the same bytes and the file is left untouched.
    public func renderedDocument() -> String {
        var lines: [String] = []
        TOMLValue.renderTableBody(table ?? [:], path: [], into: &lines)
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }

    private static func renderTableBody(_ entries: [String: TOMLValue], path: [String], into lines: inout [String]) {
        let keys = entries.keys.sorted()
        for key in keys where !isSection(entries[key]!) {
            lines.append(renderedKey(key) + " = " + entries[key]!.inlineText)
        }
        for key in keys {
            let childPath = path + [key]
            switch entries[key]! {
            case .table(let child) where needsHeader(child):
                appendHeader("[" + header(childPath) + "]", to: &lines)
                renderTableBody(child, path: childPath, into: &lines)
            case .table(let child):
                renderTableBody(child, path: childPath, into: &lines)
            case .array(let items) where isArrayOfTables(items):
                for item in items {
                    appendHeader("[[" + header(childPath) + "]]", to: &lines)
                    renderTableBody(item.table ?? [:], path: childPath, into: &lines)
                }
            default:
                continue
            }
        }
    }

    private static func appendHeader(_ header: String, to lines: inout [String]) {
        if !lines.isEmpty {
            lines.append("")
        }
        lines.append(header)
    }

    /// Tables and arrays of tables get their own headers; everything else is written `key = value`.
    private static func isSection(_ value: TOMLValue) -> Bool {
        switch value {
        case .table: return true
        case .array(let items): return isArrayOfTables(items)
        default: return false
        }
    }

    private static func isArrayOfTables(_ items: [TOMLValue]) -> Bool {
        !items.isEmpty && items.allSatisfy { $0.table != nil }
    }

    /// A table that holds only sub-tables needs no header of its own (it is implied by theirs);
    /// an empty table does, or it would vanish.
    private static func needsHeader(_ entries: [String: TOMLValue]) -> Bool {
        entries.isEmpty || entries.values.contains { !isSection($0) }
    }

    private static func header(_ path: [String]) -> String {
        path.map(renderedKey).joined(separator: ".")
    }

    static func renderedKey(_ key: String) -> String {
        TOMLBareKey.isBare(key) ? key : quotedLiteral(key)
    }

    /// The value written after `key = `: arrays and tables inline.
    var inlineText: String {
        switch self {
        case .string(let text): return quotedLiteral(text)
        case .integer(let number): return String(number)
        case .float(let number): return TOMLValue.floatText(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .dateTime(let text): return text
        case .array(let items): return "[" + items.map(\.inlineText).joined(separator: ", ") + "]"
        case .table(let entries):
            let members = entries.keys.sorted().map { TOMLValue.renderedKey($0) + " = " + entries[$0]!.inlineText }
            return members.isEmpty ? "{}" : "{ " + members.joined(separator: ", ") + " }"
        }
    }

    private static func floatText(_ number: Double) -> String {
        if number.isNaN { return "nan" }
        if number.isInfinite { return number > 0 ? "inf" : "-inf" }
        let text = String(number)
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }
}
