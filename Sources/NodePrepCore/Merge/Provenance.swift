/// Which document set each leaf value of the resolved configuration: the data behind
/// `config dump --explain`.
///
/// Merging records here as it goes. When a later document replaces a whole value (a list, a scalar
/// over a mapping), everything recorded below that path is forgotten first, so every leaf names the
/// document whose value is actually in the result.
public struct Provenance: Sendable, Equatable {
    public struct Setter: Sendable, Hashable {
        public var origin: Origin
        public var position: TextPosition?
    }

    public private(set) var setters: [String: Setter] = [:]
    /// Every proper ancestor of a path ever recorded (a superset of the ancestors of today's
    /// paths). A path not in it has nothing recorded below it, so replacing it touches one entry
    /// instead of scanning them all: with hundreds of leaves and a replace for every value of
    /// every document, the scan was most of the merge.
    private var ancestorsOfRecorded: Set<String> = []

    public init() {}

    public static func == (lhs: Provenance, rhs: Provenance) -> Bool {
        lhs.setters == rhs.setters
    }

    /// The paths with a recorded setter, sorted.
    public var paths: [String] { setters.keys.sorted() }

    /// Records that `origin` set the values at `leaves`, replacing whatever was known below `path`.
    mutating func replace(_ path: String, leaves: [String], by origin: Origin, positions: [String: TextPosition]) {
        if ancestorsOfRecorded.contains(path) {
            setters = setters.filter { !FieldPath.isWithin($0.key, path) }
        } else {
            setters[path] = nil
        }
        for leaf in leaves {
            record(leaf, Setter(origin: origin, position: Provenance.position(of: leaf, in: positions)))
        }
    }

    mutating func record(_ path: String, _ setter: Setter) {
        setters[path] = setter
        for ancestor in FieldPath.selfAndAncestors(path).dropFirst() {
            guard ancestorsOfRecorded.insert(ancestor).inserted else { break }
        }
    }

    /// The position recorded for the path or its nearest ancestor (values inside an inline TOML string
    /// have no YAML position of their own; the string's position is the best one to show).
    static func position(of path: String, in positions: [String: TextPosition]) -> TextPosition? {
        FieldPath.selfAndAncestors(path).lazy.compactMap { positions[$0] }.first
    }
}

/// Records what one document sets while it is merged over the documents before it.
struct ProvenanceRecorder {
    var provenance: Provenance
    let origin: Origin
    let positions: [String: TextPosition]

    /// The document set the single value at `path`.
    mutating func set(_ path: String) {
        provenance.replace(path, leaves: [path], by: origin, positions: positions)
    }

    /// The document set the value at `path` (in the merged result) from what it wrote at
    /// `documentPath` (appended flags have other indexes in the document than in the result).
    mutating func set(_ path: String, writtenAt documentPath: String) {
        provenance.replace(path, leaves: [], by: origin, positions: positions)
        let position = Provenance.position(of: documentPath, in: positions)
        provenance.record(path, Provenance.Setter(origin: origin, position: position))
    }

    /// The document set a whole value at `path` (all its leaves).
    mutating func set(_ path: String, tree value: some DeepMergeable) {
        provenance.replace(path, leaves: value.leafPaths(at: path), by: origin, positions: positions)
    }
}
