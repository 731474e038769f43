/// A tree of values that merges the way nodeadm merges inline documents (`baseRuntimeSpec`,
/// `kubelet.config`) and containerd TOML, after its fix for lost `baseRuntimeSpec` settings:
/// mappings merge key by key; anything else from the later document replaces the earlier value whole,
/// lists included (even `[]`), and scalars win even when `false`, `0` or `""`.
protocol DeepMergeable {
    /// The members when the value is a mapping/table, else nil.
    var members: [String: Self]? { get }
    init(members: [String: Self])
}

extension JSONValue: DeepMergeable {
    var members: [String: JSONValue]? { object }
    init(members: [String: JSONValue]) { self = .object(members) }
}

extension TOMLValue: DeepMergeable {
    var members: [String: TOMLValue]? { table }
    init(members: [String: TOMLValue]) { self = .table(members) }

    /// Merges a later TOML document over this one.
    public mutating func deepMerge(_ later: TOMLValue) {
        var recorder = ProvenanceRecorder(provenance: Provenance(), origin: Origin(source: ""), positions: [:])
        deepMerge(later, at: "", recorder: &recorder)
    }
}

extension DeepMergeable {
    mutating func deepMerge(_ later: Self, at path: String, recorder: inout ProvenanceRecorder) {
        guard var merged = members, let laterMembers = later.members else {
            self = later
            recorder.set(path, tree: later)
            return
        }
        for key in laterMembers.keys.sorted() {
            let childPath = FieldPath.join(path, key)
            if var existing = merged[key] {
                existing.deepMerge(laterMembers[key]!, at: childPath, recorder: &recorder)
                merged[key] = existing
            } else {
                merged[key] = laterMembers[key]!
                recorder.set(childPath, tree: laterMembers[key]!)
            }
        }
        self = Self(members: merged)
    }

    /// Leaf paths: scalars, lists (replaced as a whole when merging) and empty mappings.
    func leafPaths(at path: String) -> [String] {
        guard let members, !members.isEmpty else { return [path] }
        return members.keys.sorted().flatMap { members[$0]!.leafPaths(at: FieldPath.join(path, $0)) }
    }
}
