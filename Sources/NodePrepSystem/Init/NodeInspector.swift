import Foundation
import NodePrepCore

/// Reads what the planner needs to know about the node (``NodeSnapshot``): containerd's version, its
/// current config.toml, nodeprep's record from the last run, and the mirror folder.
public struct NodeInspector: Sendable {
    public var fileSystem: NodeFileSystem
    /// `--containerd-version`; when nil, `containerd --version` is asked.
    public var containerdVersion: ContainerdVersion?

    public init(fileSystem: NodeFileSystem, containerdVersion: ContainerdVersion? = nil) {
        self.fileSystem = fileSystem
        self.containerdVersion = containerdVersion
    }

    static let nvidiaRuntimePath = ContainerdTemplate.Runtime.nvidia.binary

    public func snapshot(mirror: MirrorConfig?, nodeAddress: String?) throws -> NodeSnapshot {
        let configText = try fileSystem.read(ContainerdConfigRenderer.configPath).map { String(decoding: $0, as: UTF8.self) }
        let state = try fileSystem.read(ContainerdConfigState.path).flatMap { try? ContainerdConfigState(parsing: $0) }
        return NodeSnapshot(
            containerdVersion: containerdVersion ?? Self.installedContainerdVersion(),
            containerdConfig: configText,
            containerdConfigState: state,
            hasNVIDIARuntime: FileManager.default.isExecutableFile(atPath: fileSystem.hostPath(Self.nvidiaRuntimePath)),
            certsDirectory: try mirror.map { try fileSystem.snapshot($0.configPath) } ?? CertsDirectorySnapshot(),
            nodeAddress: nodeAddress)
    }

    /// `containerd --version`, or nil when containerd is not installed or says something unexpected.
    static func installedContainerdVersion() -> ContainerdVersion? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/containerd")
        process.arguments = ["--version"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return ContainerdVersion(parsing: String(decoding: data, as: UTF8.self))
    }
}
