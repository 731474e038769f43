/// What `init` needs to know about the node before planning: read once by the effects layer, then
/// planning is a pure function of it and the resolved configuration.
public struct NodeSnapshot: Sendable, Equatable {
    /// The installed containerd's version and its source, or nil when it could not be detected.
    public var containerd: InstalledContainerd?
    /// The current `/etc/containerd/config.toml` text, if any.
    public var containerdConfig: String?
    /// nodeprep's record from its last run, if any.
    public var containerdConfigState: ContainerdConfigState?
    /// Whether the NVIDIA container runtime is installed (then it is the template's default runtime).
    public var hasNVIDIARuntime: Bool
    /// What the mirror's `configPath` folder holds now (empty when there is no MirrorConfig).
    public var certsDirectory: CertsDirectorySnapshot
    /// The node's address for `${NODE_IP}`, when the mirror settings use it.
    public var nodeAddress: String?
    /// Whether `/etc/containerd/base-runtime-spec.json` exists now.
    public var hasBaseRuntimeSpec: Bool

    public init(
        containerd: InstalledContainerd? = nil, containerdConfig: String? = nil,
        containerdConfigState: ContainerdConfigState? = nil, hasNVIDIARuntime: Bool = false,
        certsDirectory: CertsDirectorySnapshot = CertsDirectorySnapshot(), nodeAddress: String? = nil,
        hasBaseRuntimeSpec: Bool = false
    ) {
        self.hasBaseRuntimeSpec = hasBaseRuntimeSpec
        self.containerd = containerd
        self.containerdConfig = containerdConfig
        self.containerdConfigState = containerdConfigState
        self.hasNVIDIARuntime = hasNVIDIARuntime
        self.certsDirectory = certsDirectory
        self.nodeAddress = nodeAddress
    }
}
