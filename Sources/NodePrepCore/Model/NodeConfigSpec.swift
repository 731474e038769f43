/// The `spec` of a NodeConfig document (`apiVersion: node.eks.aws/v1alpha1`, `kind: NodeConfig`),
/// field for field as nodeadm defines it.
///
/// Every field is optional: a document says only what it sets, and merging decides what "not set"
/// means per field, exactly as nodeadm does (see `NodeConfigSpec+Merge.swift`).
public struct NodeConfigSpec: Sendable, Equatable {
    public var cluster = Cluster()
    public var containerd = Containerd()
    public var instance = Instance()
    public var kubelet = Kubelet()
    /// Feature gates by name (`InstanceIdNodeName`, `FastImagePull`).
    public var featureGates: [String: Bool] = [:]

    public init() {}

    public struct Cluster: Sendable, Equatable {
        public var name: String?
        public var apiServerEndpoint: String?
        /// The cluster CA as the document gave it: base64 text (checked to decode when read).
        public var certificateAuthority: String?
        public var cidr: String?
        public var enableOutpost: Bool?
        public var id: String?

        public init() {}
    }

    public struct Containerd: Sendable, Equatable {
        /// Inline containerd TOML, merged over the base config.toml.
        public var config: ContainerdConfigTOML?
        /// A partial OCI runtime spec, deep-merged over the default base runtime spec.
        public var baseRuntimeSpec: JSONValue?

        public init() {}
    }

    public struct Instance: Sendable, Equatable {
        public var localStorage = LocalStorage()
        /// Environment variables by service: `default` is every service, other keys are unit names.
        public var environment: [String: [String: String]] = [:]
        public var network = Network()

        public init() {}
    }

    public struct LocalStorage: Sendable, Equatable {
        /// `RAID0`, `RAID10` or `Mount`.
        public var strategy: String?
        public var mountPath: String?
        /// Any of `Containerd`, `PodLogs`, `SOCI`.
        public var disabledMounts: [String] = []

        public init() {}
    }

    public struct Network: Sendable, Equatable {
        public var nameservers: [String] = []
        public var domains: [String] = []

        public init() {}
    }

    public struct Kubelet: Sendable, Equatable {
        /// A partial KubeletConfiguration, kept free-form.
        public var config: JSONValue?
        /// Raw kubelet flags; the only list that merging appends to.
        public var flags: [String] = []
        /// A CEL expression for max pods.
        public var maxPodsExpression: String?

        public init() {}
    }
}
