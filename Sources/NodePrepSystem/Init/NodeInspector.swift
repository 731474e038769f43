import Glibc
import NodePrepCore

/// Reads what the planner needs to know about the node (``NodeSnapshot``): containerd's version, its
/// current config.toml, nodeprep's record from the last run, and the mirror folder.
public struct NodeInspector: Sendable {
    public var fileSystem: NodeFileSystem
    /// `--containerd-version`; when nil, the version probe is asked.
    public var containerdVersion: ContainerdVersion?
    /// The probe to ask when no version is given (it reads containerd's build information, or runs
    /// `containerd --version`). Whoever builds the inspector starts it as early as it can; when nil,
    /// one is started when the snapshot is taken.
    public var versionProbe: ContainerdVersionProbe?

    public init(
        fileSystem: NodeFileSystem, containerdVersion: ContainerdVersion? = nil,
        versionProbe: ContainerdVersionProbe? = nil
    ) {
        self.fileSystem = fileSystem
        self.containerdVersion = containerdVersion
        self.versionProbe = versionProbe
    }

    static let nvidiaRuntimePath = ContainerdTemplate.Runtime.nvidia.binary

    public func snapshot(mirror: MirrorConfig?, nodeAddress: String?) async throws -> NodeSnapshot {
        let configText = try fileSystem.read(ContainerdConfigRenderer.configPath)
            .map { String(decoding: $0, as: UTF8.self) }
        let state = try fileSystem.read(ContainerdConfigState.path).flatMap { try? ContainerdConfigState(parsing: $0) }
        let certsDirectory = try mirror.map { try fileSystem.snapshot($0.configPath).beforeInterruptedBackup() }
            ?? CertsDirectorySnapshot()
        var containerd = containerdVersion.map { InstalledContainerd($0, from: .option) }
        if containerd == nil {
            containerd = await (versionProbe ?? ContainerdVersionProbe()).version()
        }
        return NodeSnapshot(
            containerd: containerd,
            containerdConfig: configText,
            containerdConfigState: state,
            hasNVIDIARuntime: access(fileSystem.hostPath(Self.nvidiaRuntimePath), X_OK) == 0,
            certsDirectory: certsDirectory,
            nodeAddress: nodeAddress,
            hasBaseRuntimeSpec: hasBaseRuntimeSpec())
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
