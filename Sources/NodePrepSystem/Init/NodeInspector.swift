import NodePrepCore

/// Reads what the planner needs to know about the node (``NodeSnapshot``): containerd's version, its
/// current config.toml, nodeprep's record from the last run, the mirror folder, and, when the
/// template is the base, kubelet's version and whether the NVIDIA runtime is installed.
public struct NodeInspector: Sendable {
    public var fileSystem: NodeFileSystem
    /// `--containerd-version`; when nil, the version probe is asked.
    public var containerdVersion: ContainerdVersion?
    /// The probe to ask when no version is given (it reads containerd's build information, or runs
    /// `containerd --version`). Whoever builds the inspector starts it as early as it can; when nil,
    /// one is started when the snapshot is taken.
    public var versionProbe: ContainerdVersionProbe?
    /// `--kubelet-version`; when nil, ``kubeletProbe`` is asked.
    public var kubeletVersion: KubeletVersion?
    public var kubeletProbe: KubeletVersionProbe

    public init(
        fileSystem: NodeFileSystem, containerdVersion: ContainerdVersion? = nil,
        versionProbe: ContainerdVersionProbe? = nil, kubeletVersion: KubeletVersion? = nil,
        kubeletProbe: KubeletVersionProbe = KubeletVersionProbe()
    ) {
        self.fileSystem = fileSystem
        self.containerdVersion = containerdVersion
        self.versionProbe = versionProbe
        self.kubeletVersion = kubeletVersion
        self.kubeletProbe = kubeletProbe
    }

    static let nvidiaRuntimePath = ContainerdTemplate.Runtime.nvidia.binary

    public func snapshot(mirror: MirrorConfig?, nodeAddress: String?) async throws -> NodeSnapshot {
        let configText = try fileSystem.read(ContainerdConfigRenderer.configPath)
            .map { String(decoding: $0, as: UTF8.self) }
        var warnings: [String] = []
        let state = try fileSystem.read(ContainerdConfigState.path).flatMap { bytes in
            Self.record(bytes, warnings: &warnings)
        }
        let certsDirectory =
            try mirror.map { try fileSystem.snapshot($0.configPath).beforeInterruptedBackup() }
            ?? CertsDirectorySnapshot()
        var containerd = containerdVersion.map { InstalledContainerd($0, from: .option) }
        if containerd == nil {
            containerd = await (versionProbe ?? ContainerdVersionProbe()).version()
        }
        let nvidiaRuntime = RuntimeFile(fileSystem.hostPath(Self.nvidiaRuntimePath))
        // kubelet's version matters only to the template; a node with its own config.toml is not
        // made to run `kubelet --version` for nothing.
        var kubelet: InstalledKubelet?
        if ContainerdConfigRenderer.base(existingConfig: configText, state: state) == nil {
            if let kubeletVersion {
                kubelet = InstalledKubelet(kubeletVersion, from: .option)
            } else {
                kubelet = await kubeletProbe.version(fileSystem: fileSystem)
            }
        }
        return NodeSnapshot(
            containerd: containerd,
            containerdConfig: configText,
            containerdConfigState: state,
            kubelet: kubelet,
            hasNVIDIARuntime: nvidiaRuntime == .executable,
            nvidiaRuntimeNotExecutable: nvidiaRuntime == .notExecutable,
            certsDirectory: certsDirectory,
            nodeAddress: nodeAddress,
            hasBaseRuntimeSpec: hasBaseRuntimeSpec(),
            warnings: warnings)
    }

    /// nodeprep's record from the last run, or nil with a warning when it is not one nodeprep can
    /// read (cut short by a full disk, edited by hand). Without a record the node's config.toml is
    /// the base, as on a node nodeprep has not run on: its keys are kept, none is lost.
    static func record(_ bytes: [UInt8], warnings: inout [String]) -> ContainerdConfigState? {
        do {
            return try ContainerdConfigState(parsing: bytes)
        } catch {
            warnings.append(
                "ignoring \(ContainerdConfigState.path), which is not a record nodeprep can read (\(error)); "
                    + "\(ContainerdConfigRenderer.configPath) is the base")
            return nil
        }
    }

    /// Whether anything stands at base-runtime-spec.json. Something that cannot be read (a symlink)
    /// counts: it is not nodeprep's, and the writer refuses to replace it with its own error.
    private func hasBaseRuntimeSpec() -> Bool {
        do {
            return try fileSystem.read(BaseRuntimeSpec.path) != nil
        } catch {
            return true
        }
    }
}
