/// The resolved Spegel mirror settings (`apiVersion: nodeprep.dev/v1alpha1`, `kind: MirrorConfig`),
/// after every document has been merged and defaults applied.
///
/// URLs are kept as the user wrote them; `${NODE_IP}` is replaced only when the plan is rendered,
/// because the address comes from IMDS.
public struct MirrorConfig: Sendable, Equatable {
    /// Registries to mirror, as `http(s)://host[:port]`. Empty means every registry (`_default`).
    public var registries: [String]
    /// Where the mirror answers, as `http(s)://host[:port]`; may contain `${NODE_IP}`.
    public var targets: [String]
    /// Whether the mirror may resolve tags (`capabilities = ['pull', 'resolve']`).
    public var resolveTags: Bool
    /// Whether hosts from a backed-up `hosts.toml` are kept after the mirror's.
    public var prependExisting: Bool
    /// containerd's registry `config_path` folder.
    public var configPath: String

    public static let defaultConfigPath = "/etc/containerd/certs.d"

    public init(
        registries: [String] = [],
        targets: [String] = [],
        resolveTags: Bool = true,
        prependExisting: Bool = false,
        configPath: String = MirrorConfig.defaultConfigPath
    ) {
        self.registries = registries
        self.targets = targets
        self.resolveTags = resolveTags
        self.prependExisting = prependExisting
        self.configPath = configPath
    }

    /// The one placeholder mirror URLs may use, replaced by the node's address from IMDS.
    public static let nodeAddressPlaceholder = "${NODE_IP}"

    /// Whether rendering needs the node's address (so IMDS is asked for it only then).
    public var usesNodeAddress: Bool {
        (registries + targets).contains { $0.contains(Self.nodeAddressPlaceholder) }
    }
}
