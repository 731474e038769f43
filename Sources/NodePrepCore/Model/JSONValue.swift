/// A free-form JSON value: `containerd.baseRuntimeSpec` and `kubelet.config` are kept as these.
///
/// Integers and floating-point numbers stay apart (nodeadm sends every number through `float64`,
/// which rounds large integers; nodeprep keeps them exact).
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The object's members, or nil for any other kind of value.
    public var object: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// True for `{}` and `null`: nodeadm treats these as "not given" when merging.
    public var isEmptyObject: Bool {
        switch self {
        case .null: return true
        case .object(let members): return members.isEmpty
        default: return false
        }
    }

    public subscript(key: String) -> JSONValue? {
        object?[key]
    }
}
