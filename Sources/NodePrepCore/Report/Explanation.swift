/// `config dump --explain`: every leaf value of the resolved configuration with the source, MIME part
/// and line that set it, so a user can tell which part won.
///
///     NodeConfig spec.cluster.name = "prod"  # user-data part 2 (application/node.eks.aws) line 5:11
public struct Explanation: Sendable {
    public struct Line: Sendable, Equatable, CustomStringConvertible {
        public var kind: String
        public var path: String
        public var value: String
        public var setter: Provenance.Setter?

        public var description: String {
            var text = "\(kind) \(path) = \(value)"
            guard let setter else { return text + "  # default" }
            text += "  # \(setter.origin)"
            if let position = setter.position {
                text += " line \(position)"
            }
            return text
        }
    }

    public var lines: [Line] = []

    /// What `config dump --explain` prints: one line per value.
    public var text: String {
        lines.map(\.description).joined(separator: "\n") + "\n"
    }

    /// The merged `containerd.config`, explained key by key rather than as one string.
    private let containerdConfig: TOMLValue?

    public init(_ config: ResolvedConfig) {
        containerdConfig = config.nodeConfig?.containerd.config?.table
        if let nodeConfig = config.nodeConfig {
            add(
                nodeConfig.jsonValue, at: "spec", kind: ConfigKind.nodeConfigKind,
                provenance: config.nodeConfigProvenance)
        }
        if let mirrorConfig = config.mirrorConfig {
            add(
                mirrorConfig.jsonValue, at: "spec", kind: ConfigKind.mirrorConfigKind,
                provenance: config.mirrorConfigProvenance)
        }
    }

    private mutating func add(_ value: JSONValue, at path: String, kind: String, provenance: Provenance) {
        switch value {
        case .object(let members) where !members.isEmpty:
            for key in members.keys.sorted() {
                add(members[key]!, at: FieldPath.join(path, key), kind: kind, provenance: provenance)
            }
        case .array(let items) where provenance.setters[FieldPath.index(path, 0)] != nil:
            for (index, item) in items.enumerated() {
                add(item, at: FieldPath.index(path, index), kind: kind, provenance: provenance)
            }
        case .string where path == "spec.containerd.config" && containerdConfig != nil:
            addTOML(containerdConfig!, at: path, kind: kind, provenance: provenance)
        default:
            addLeaf(value.rendered(indent: 0), at: path, kind: kind, provenance: provenance)
        }
    }

    private mutating func addTOML(_ value: TOMLValue, at path: String, kind: String, provenance: Provenance) {
        if case .table(let entries) = value, !entries.isEmpty {
            for key in entries.keys.sorted() {
                addTOML(entries[key]!, at: FieldPath.join(path, key), kind: kind, provenance: provenance)
            }
            return
        }
        addLeaf(value.inlineText, at: path, kind: kind, provenance: provenance)
    }

    /// Values no document set are defaults (MirrorConfig) or empty structure (`localStorage: {}`
    /// in nodeadm's shape); the latter say nothing and are left out.
    private mutating func addLeaf(_ value: String, at path: String, kind: String, provenance: Provenance) {
        let setter = Self.setter(of: path, in: provenance)
        if setter == nil && value == "{}" { return }
        let oneLine = value.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\n")
        lines.append(Line(kind: kind, path: path, value: oneLine, setter: setter))
    }

    /// The setter of the path, or of its nearest ancestor that was set as a whole.
    private static func setter(of path: String, in provenance: Provenance) -> Provenance.Setter? {
        FieldPath.selfAndAncestors(path).lazy.compactMap { provenance.setters[$0] }.first
    }
}
