/// A TOML value as nodeprep keeps it: parsed from `containerd.config` or an existing config.toml,
/// merged, and rendered back with ``TOMLValue/renderedDocument()``.
///
/// nodeprep keeps its own tree rather than the parser's so merging is a plain value operation and the
/// rendering (containerd's style: double quotes, full dotted headers, sorted keys) is under our control.
public indirect enum TOMLValue: Sendable, Hashable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case bool(Bool)
    /// An offset or local date-time, date or time, kept as its TOML text.
    case dateTime(String)
    case array([TOMLValue])
    case table([String: TOMLValue])

    /// The table's entries, or nil for any other kind of value.
    public var table: [String: TOMLValue]? {
        if case .table(let entries) = self { return entries }
        return nil
    }

    /// The value at a path of keys, e.g. `["plugins", "io.containerd.grpc.v1.cri", "sandbox_image"]`.
    public subscript(path: [String]) -> TOMLValue? {
        var current: TOMLValue? = self
        for key in path {
            current = current?.table?[key]
        }
        return current
    }

    /// Sets the value at a path, creating intermediate tables (and replacing non-tables on the way).
    public mutating func set(_ value: TOMLValue, at path: [String]) {
        guard let key = path.first else {
            self = value
            return
        }
        var entries = table ?? [:]
        var child = entries[key] ?? .table([:])
        child.set(value, at: Array(path.dropFirst()))
        entries[key] = child
        self = .table(entries)
    }
}
