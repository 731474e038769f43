import ArgumentParser
import FoundationEssentials
import Logging
import NodePrepCore
import NodePrepSystem

/// `nodeprep init`: the boot job. Reads every source, plans, writes containerd's files, notifies systemd.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write containerd's configuration, base runtime spec and mirror hosts.toml files.")

    @OptionGroup var sources: SourceOptions

    @Option(
        help: """
            The installed containerd's version (X.Y.Z); default: read containerd's build information, \
            else ask `containerd --version`.
            """)
    var containerdVersion: String?

    @Option(
        help: """
            The installed kubelet's version (X.Y.Z), for the template's enable_cdi; default: \
            /etc/eks/kubelet-version.txt, else kubelet's build information, else `kubelet --version`.
            """)
    var kubeletVersion: String?

    @Option(help: "The node address for ${NODE_IP}; default: ask IMDS (local-ipv4, or the IPv6 address in IPv6 mode).")
    var nodeAddress: String?

    @Flag(help: "Print each planned file with a diff against the node's current one; write nothing.")
    var dryRun = false

    /// containerd's version, looked up on first use: its build information, else `containerd
    /// --version`. `NodePrep.run(commandLine:asksIMDS:)` touches it before the arguments are parsed when they look like
    /// `init` without `--containerd-version`, so a `containerd --version` child (~20 ms) overlaps
    /// everything else; a wrong guess costs a few reads, or at worst one unused child.
    static let versionProbe = ContainerdVersionProbe()

    /// Whether `arguments` (the whole command line) will need containerd's version looked up.
    static func needsVersionProbe(_ arguments: [String]) -> Bool {
        isInit(arguments) && !arguments.contains { $0.hasPrefix("--containerd-version") }
    }

    /// Whether `arguments` (the whole command line) ask for an `init` run, not its help.
    static func isInit(_ arguments: [String]) -> Bool {
        arguments.dropFirst().first == configuration.commandName
            && !arguments.contains { $0 == "-h" || $0 == "--help" }
    }

    /// Whether `arguments` (the whole command line) are an `init` whose IMDS questions this boot's
    /// copy answers. Read before the arguments are parsed, so only `--root` and `--node-address`
    /// are looked for; anything unusual about them just means the session is prepared.
    static func bootCopyAnswersIMDS(_ arguments: [String]) -> Bool {
        guard arguments.dropFirst().first == configuration.commandName else { return false }
        let root = SourceOptions.optionValue("--root", in: arguments) ?? "/"
        let cache = BootCache(fileSystem: NodeFileSystem(root: root))
        return cache.answersIMDS(needsNodeAddress: SourceOptions.optionValue("--node-address", in: arguments) == nil)
    }

    func validate() throws {
        if let containerdVersion, ContainerdVersion(parsing: containerdVersion) == nil {
            throw ValidationError("--containerd-version \(containerdVersion) is not a version like 1.7.20")
        }
        if let kubeletVersion, KubeletVersion(parsing: kubeletVersion) == nil {
            throw ValidationError("--kubelet-version \(kubeletVersion) is not a version like 1.32.0")
        }
    }

    func run() async throws {
        NodePrepLogHandler.bootstrap()
        let logger = Logger(label: "nodeprep")
        let notifier = SystemdNotifier()
        do {
            let pipeline = try makePipeline(logger: logger, notifier: notifier)
            if dryRun {
                let output = try await pipeline.plan()
                print(try PlanPreview(fileSystem: sources.fileSystem).render(output.plan), terminator: "")
            } else {
                _ = try await pipeline.run()
            }
        } catch let failure as NodePrepError {
            logger.critical("\(failure)", metadata: NodePrepEvent.fatalError.metadata(failure.logMetadata))
            try? notifier.failed(errno: failure.errno, status: "failed: \(failure.description.prefix(200))")
            throw ExitCode(failure.exitCode)
        }
    }

    private func makePipeline(logger: Logger, notifier: SystemdNotifier) throws -> InitPipeline {
        let imds = try sources.makeIMDSClient { event in
            logger.warning("\(event)")
            // Keep systemd's start timeout ahead of the retries.
            try? notifier.extendTimeout(by: event.delay + .seconds(10))
        }
        let fixedAddress = nodeAddress
        let givenVersion = containerdVersion.flatMap(ContainerdVersion.init(parsing:))
        let instance = imds.map { imds in
            InstanceData(
                cache: BootCache(fileSystem: sources.fileSystem), logger: logger,
                userData: { try await imds.userData() },
                nodeAddress: { try await imds.nodeAddress(ipv6: imds.endpoint.mode == .ipv6) })
        }
        return InitPipeline(
            sources: try sources.sources(),
            loader: sources.loader(userData: instance),
            inspector: NodeInspector(
                fileSystem: sources.fileSystem, containerdVersion: givenVersion,
                versionProbe: givenVersion == nil ? Self.versionProbe : nil,
                kubeletVersion: kubeletVersion.flatMap(KubeletVersion.init(parsing:))),
            nodeAddress: {
                if let fixedAddress { return fixedAddress }
                guard let instance else {
                    throw NodePrepError(.sourceUnavailable, "IMDS is disabled; pass --node-address")
                }
                return try await instance.nodeAddress()
            },
            notifier: notifier, logger: logger, instanceData: instance)
    }
}
