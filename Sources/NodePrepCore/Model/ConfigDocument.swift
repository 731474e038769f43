/// One decoded configuration document and where it came from.
public struct ConfigDocument: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case nodeConfig(NodeConfigSpec)
        case mirrorConfig(MirrorConfigSpec)
    }

    public var content: Content
    public var origin: Origin
    /// Where each field was written in the document, by path (`spec.cluster.name`), for `--explain`.
    public var positions: [String: TextPosition]

    public init(content: Content, origin: Origin, positions: [String: TextPosition] = [:]) {
        self.content = content
        self.origin = origin
        self.positions = positions
    }
}

/// The API groups and kinds nodeprep reads.
public enum ConfigKind {
    public static let nodeConfigAPIVersion = "node.eks.aws/v1alpha1"
    public static let nodeConfigKind = "NodeConfig"
    public static let mirrorConfigAPIVersion = "nodeprep.dev/v1alpha1"
    public static let mirrorConfigKind = "MirrorConfig"
    /// The MIME type of NodeConfig parts, shared with nodeadm.
    public static let nodeConfigMediaType = "application/node.eks.aws"
    /// The MIME type of MirrorConfig parts. nodeadm skips it silently, which a MirrorConfig inside an
    /// `application/node.eks.aws` part would not get: nodeadm fails on a kind it doesn't know.
    public static let mirrorConfigMediaType = "application/vnd.nodeprep+yaml"
}
