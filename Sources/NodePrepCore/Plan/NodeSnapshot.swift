/// What `init` needs to know about the node before planning: read once by the effects layer, then
/// planning is a pure function of it and the resolved configuration.
public struct NodeSnapshot: Sendable, Equatable {
    /// The installed containerd's version and its source, or nil when it could not be detected.
    public var containerd: InstalledContainerd?
    /// The current `/etc/containerd/config.toml` text, if any.
    public var containerdConfig: String?
    /// nodeprep's record from its last run, if any.
    public var containerdConfigState: ContainerdConfigState?
    /// The installed kubelet's version and its source; nil when unknown, or not looked up because
    /// the template is not used.
    public var kubelet: InstalledKubelet?
    /// Whether the NVIDIA container runtime is installed (then it is the template's default runtime).
    public var hasNVIDIARuntime: Bool
    /// Whether a file is where the NVIDIA runtime would be but is not executable. nodeadm would
    /// choose it (it asks only that the file exists); nodeprep keeps runc and says why.
    public var nvidiaRuntimeNotExecutable: Bool
    /// What the mirror's `configPath` folder holds now (empty when there is no MirrorConfig).
    public var certsDirectory: CertsDirectorySnapshot
    /// The node's address for `${NODE_IP}`, when the mirror settings use it.
    public var nodeAddress: String?
    /// Whether `/etc/containerd/base-runtime-spec.json` exists now.
    public var hasBaseRuntimeSpec: Bool
    /// What was wrong on the node but could be worked around (an unreadable record from the last
    /// run), for the log: the planner passes them on with its own warnings.
    public var warnings: [String]

    public init(
        containerd: InstalledContainerd? = nil, containerdConfig: String? = nil,
        containerdConfigState: ContainerdConfigState? = nil, kubelet: InstalledKubelet? = nil,
        hasNVIDIARuntime: Bool = false,
        nvidiaRuntimeNotExecutable: Bool = false,
        certsDirectory: CertsDirectorySnapshot = CertsDirectorySnapshot(), nodeAddress: String? = nil,
        hasBaseRuntimeSpec: Bool = false, warnings: [String] = []
    ) {
        self.hasBaseRuntimeSpec = hasBaseRuntimeSpec
        self.containerd = containerd
        self.containerdConfig = containerdConfig
        self.containerdConfigState = containerdConfigState
        self.kubelet = kubelet
        self.hasNVIDIARuntime = hasNVIDIARuntime
        self.nvidiaRuntimeNotExecutable = nvidiaRuntimeNotExecutable
        self.certsDirectory = certsDirectory
        self.nodeAddress = nodeAddress
        self.warnings = warnings
    }
}
