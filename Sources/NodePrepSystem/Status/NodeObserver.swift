import Glibc
import NodePrepCore

/// Reads everything `nodeprep status` judges (``NodeObservation``), changing nothing: nodeprep's
/// records under `/var/lib/nodeprep`, config.toml and its modification time, the mirror folder,
/// the containerd daemons in `/proc`, and what `containerd config dump` makes of config.toml.
public struct NodeObserver: Sendable {
    public var fileSystem: NodeFileSystem
    /// The containerd binary asked for its version and for `config dump`.
    public var containerd: String

    public init(fileSystem: NodeFileSystem, containerd: String = ContainerdVersionProbe.defaultBinary) {
        self.fileSystem = fileSystem
        self.containerd = containerd
    }

    /// `containerd config dump` loads every plugin's defaults; a few hundred milliseconds at most.
    static let dumpTimeout: Duration = .seconds(30)

    public func observe() async -> NodeObservation {
        let record: NodeObservation.Read<RunRecord> = read(RunRecord.path) { try RunRecord(parsing: $0) }
        let configPath = ContainerdConfigRenderer.configPath
        let config: NodeObservation.Read<NodeObservation.ConfigFile> = read(configPath) { bytes in
            NodeObservation.ConfigFile(
                text: String(decoding: bytes, as: UTF8.self), modifiedAt: modificationTime(configPath) ?? 0)
        }
        let mirrorFolder = record.value?.mirror?.configPath ?? MirrorConfig.defaultConfigPath
        let configHostPath = fileSystem.hostPath(configPath)
        return NodeObservation(
            root: fileSystem.root,
            bootedAt: BootClock().bootedAt,
            runRecord: record,
            configState: read(ContainerdConfigState.path) { try ContainerdConfigState(parsing: $0) }.value,
            config: config,
            processes: ContainerdProcessScanner.processes(readingConfig: configHostPath),
            containerdVersion: await ContainerdVersionProbe(binary: containerd).version()?.version,
            dump: dump(configHostPath),
            mirrorFolder: mirrorFolder,
            hostsFolders: hostsFolders(in: mirrorFolder))
    }

    private func read<Value>(_ nodePath: String, _ parse: ([UInt8]) throws -> Value) -> NodeObservation.Read<Value> {
        do {
            guard let bytes = try fileSystem.read(nodePath) else { return .absent }
            return .read(try parse(bytes))
        } catch {
            return .unreadable("\(error)")
        }
    }

    private func modificationTime(_ nodePath: String) -> Double? {
        var info = stat()
        guard stat(fileSystem.hostPath(nodePath), &info) == 0 else { return nil }
        return Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    }

    private func dump(_ configHostPath: String) -> NodeObservation.ConfigDump {
        guard access(containerd, X_OK) == 0 else { return .notRun("\(containerd) is not an executable file") }
        guard
            let result = ChildProgram.run(
                [containerd, "--config", configHostPath, "config", "dump"], timeout: Self.dumpTimeout)
        else { return .notRun("\(containerd) could not be started: \(String(cString: strerror(errno)))") }
        guard result.status == 0 else {
            let message =
                String(decoding: result.errorOutput, as: UTF8.self)
                .split(separator: "\n").last.map(String.init) ?? "exit status \(result.status)"
            return .refused(message)
        }
        return .loaded(String(decoding: result.output, as: UTF8.self))
    }

    private func hostsFolders(in folder: String) -> [NodeObservation.HostsFolder]? {
        guard let names = try? fileSystem.list(folder) else { return nil }
        return names.filter { $0 != CertsDirectorySnapshot.backupFolderName && !$0.hasPrefix(".") }.compactMap { name in
            let file: NodeObservation.Read<String> = read("\(folder)/\(name)/hosts.toml") {
                String(decoding: $0, as: UTF8.self)
            }
            // A file, not a registry folder.
            if case .unreadable = file, (try? fileSystem.list("\(folder)/\(name)")) == nil { return nil }
            return NodeObservation.HostsFolder(name: name, hostsFile: file)
        }
    }
}
