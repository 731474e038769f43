import Glibc
import Logging
import NodePrepCore

/// `nodeprep init`, start to end: sources → decode → merge → plan → write → notify.
///
/// Everything is read, decoded, validated and planned before the first write, so bad input changes
/// nothing on the node. `READY=1` goes out as soon as containerd's files are durable.
public struct InitPipeline: Sendable {
    public var sources: [ConfigSourceURI]
    public var loader: SourceLoader
    public var inspector: NodeInspector
    /// Resolves `${NODE_IP}`: `--node-address`, or IMDS.
    public var nodeAddress: @Sendable () async throws -> String
    public var notifier: any ServiceNotifier
    public var logger: Logger
    /// The IMDS answers of this run, kept for the boot's later runs once planning succeeded.
    public var instanceData: InstanceData?

    public init(
        sources: [ConfigSourceURI], loader: SourceLoader, inspector: NodeInspector,
        nodeAddress: @escaping @Sendable () async throws -> String, notifier: any ServiceNotifier, logger: Logger,
        instanceData: InstanceData? = nil
    ) {
        self.sources = sources
        self.loader = loader
        self.inspector = inspector
        self.nodeAddress = nodeAddress
        self.notifier = notifier
        self.logger = logger
        self.instanceData = instanceData
    }

    /// Reads everything and plans; writes nothing.
    ///
    /// - Throws: ``NodePrepError``, each stage's error kept as its underlying error.
    public func plan() async throws(NodePrepError) -> InitPlanner.Output {
        status("reading configuration")
        let config = try await resolve()
        let mirror = config.mirrorConfig?.resolved
        var address: String?
        if mirror?.usesNodeAddress == true {
            status("looking up the node address")
            do {
                address = try await nodeAddress()
            } catch {
                throw .wrapping(
                    error, as: .sourceUnavailable,
                    "cannot look up the node address for \(MirrorConfig.nodeAddressPlaceholder)")
            }
        }
        let node: NodeSnapshot
        do {
            node = try await inspector.snapshot(mirror: mirror, nodeAddress: address)
        } catch {
            throw .nodeUnreadable(error)
        }
        do {
            let output = try InitPlanner.plan(config, node: node)
            logger.info("\(output.summary)")
            for warning in output.warnings {
                logger.warning("\(warning)")
            }
            return output
        } catch {
            throw .invalidConfiguration(
                [.error("\(error)", at: Origin(source: "merged configuration"))], underlying: error)
        }
    }

    /// Plans, writes, and tells systemd the node is ready for containerd.
    public func run() async throws(NodePrepError) -> [PlanStepResult] {
        let output = try await plan()
        instanceData?.keep()
        status("writing containerd's configuration")
        let writer = PlanWriter(fileSystem: inspector.fileSystem)
        let results: [PlanStepResult]
        do {
            results = try writer.apply(output.plan) { result in log(result) }
        } catch {
            throw .writeFailed(error)
        }
        let changed = results.filter { if case .written = $0 { return true } else { return false } }.count
        let readyStatus =
            changed == 0 ? "containerd configuration unchanged" : "containerd configuration written (\(changed) files)"
        if let mirror = output.mirror {
            let registries = mirror.registries.isEmpty ? "all registries" : mirror.registries.joined(separator: ", ")
            logger.info(
                "mirror configured in \(mirror.configPath) for \(registries)",
                metadata: NodePrepEvent.mirrorConfigured.metadata([
                    "registries": "\(registries)", "path": "\(mirror.configPath)",
                ]))
        }
        do {
            try notifier.ready(status: readyStatus)
        } catch {
            logger.warning("could not notify systemd: \(error)")
        }
        logger.info("\(readyStatus)", metadata: NodePrepEvent.ready.metadata())
        saveRecord(of: output, results: results, writer: writer)
        return results
    }

    /// Keeps the account of this run for `nodeprep status`. After `READY=1`, so containerd never
    /// waits for it; a failure costs only that account and is logged.
    private func saveRecord(of output: InitPlanner.Output, results: [PlanStepResult], writer: PlanWriter) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let record = RunRecord(
            finishedAt: Double(now.tv_sec) + Double(now.tv_nsec) / 1e9,
            sources: sources.map(\.description), files: results.map(\.recordEntry),
            containerd: output.containerd?.description, mirror: output.mirrorLayout)
        do {
            _ = try writer.apply(Plan(steps: [.write(record.file)]))
        } catch {
            logger.warning("could not keep the record of this run for `nodeprep status`: \(error)")
        }
    }

    private func resolve() async throws(NodePrepError) -> ResolvedConfig {
        let inputs: [SourceInput]
        do {
            inputs = try await loader.load(sources)
        } catch {
            throw .sourceUnavailable(error)
        }
        let resolution = ConfigResolution(inputs: inputs)
        for skipped in resolution.skipped {
            logger.info("skipped: \(skipped)")
        }
        for diagnostic in resolution.diagnostics where diagnostic.severity == .warning {
            logger.warning("\(diagnostic)")
        }
        return try resolution.validConfig()
    }

    private func log(_ result: PlanStepResult) {
        switch result {
        case .written(let path):
            logger.info("\(result)", metadata: NodePrepEvent.fileWritten.metadata(["path": "\(path)"]))
        case .unchanged(let path):
            logger.info("\(result)", metadata: NodePrepEvent.fileUnchanged.metadata(["path": "\(path)"]))
        default:
            logger.info("\(result)")
        }
    }

    private func status(_ text: String) {
        try? notifier.status(text)
    }
}
