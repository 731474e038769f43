import TOMLKit

extension TOMLTable {
    /// The value at a dotted path given as separate keys (plugin IDs contain dots, so a single
    /// dotted string would be ambiguous), or nil when any step is missing or not a table.
    func value(at path: [String]) -> (any TOMLValueConvertible)? {
        guard let last = path.last else { return nil }
        var table: TOMLTable? = self
        for key in path.dropLast() {
            table = table?[key]?.table
        }
        return table?[last]
    }

    /// Removes the value at `path`, if there is one.
    func removeValue(at path: [String]) {
        guard let last = path.last else { return }
        var table: TOMLTable? = self
        for key in path.dropLast() {
            table = table?[key]?.table
        }
        table?.remove(at: last)
    }

    /// The table at `path`, created (with its parents) when absent.
    func table(creatingPath path: [String]) -> TOMLTable {
        var table = self
        for key in path {
            if table[key]?.table == nil {
                table[key] = TOMLTable()
            }
            // Read back: inserting copies the value, and a TOMLTable is a handle on the stored one.
            table = table[key]!.table!
        }
        return table
    }
}
