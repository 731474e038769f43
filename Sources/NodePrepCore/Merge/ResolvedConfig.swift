/// The configuration after every source has been decoded and merged: what `config dump` prints and
/// what `init` renders files from.
public struct ResolvedConfig: Sendable, Equatable {
    /// The merged NodeConfig spec, or nil when no source had one.
    public var nodeConfig: NodeConfigSpec?
    /// The merged MirrorConfig spec, or nil when no source had one (then no mirror is configured).
    public var mirrorConfig: MirrorConfigSpec?
    /// Which document set each leaf of each kind.
    public var nodeConfigProvenance = Provenance()
    public var mirrorConfigProvenance = Provenance()

    public init(nodeConfig: NodeConfigSpec? = nil, mirrorConfig: MirrorConfigSpec? = nil) {
        self.nodeConfig = nodeConfig
        self.mirrorConfig = mirrorConfig
    }

    /// Merges documents in order; later documents win, by the rules of each kind.
    public init(merging documents: [ConfigDocument]) {
        for document in documents {
            switch document.content {
            case .nodeConfig(let spec):
                nodeConfig = Self.merge(spec, over: nodeConfig, from: document, provenance: &nodeConfigProvenance)
            case .mirrorConfig(let spec):
                mirrorConfig = Self.merge(spec, over: mirrorConfig, from: document, provenance: &mirrorConfigProvenance)
            }
        }
    }

    private static func merge<Spec: MergeableSpec>(
        _ spec: Spec, over current: Spec?, from document: ConfigDocument, provenance: inout Provenance
    ) -> Spec {
        var recorder = ProvenanceRecorder(
            provenance: provenance, origin: document.origin, positions: document.positions)
        var merged = current ?? Spec()
        merged.merge(spec, recorder: &recorder)
        provenance = recorder.provenance
        return merged
    }
}

/// A document spec that merges a later one over itself, recording what it took.
protocol MergeableSpec {
    init()
    mutating func merge(_ later: Self, recorder: inout ProvenanceRecorder)
}

extension NodeConfigSpec: MergeableSpec {}
extension MirrorConfigSpec: MergeableSpec {}
