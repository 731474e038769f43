import Foundation

/// A real containerd daemon running a node's config inside a rig (see `ContainerdSandbox` for the
/// few keys redirected into the scratch folder).
final class ContainerdDaemon {
    /// The config file the daemon was started with, after sandboxing.
    let configFile: String
    let socket: String
    private let process: ChildProcess
    private let rig: ContainerdRig

    fileprivate init(configFile: String, socket: String, process: ChildProcess, rig: ContainerdRig) {
        self.configFile = configFile
        self.socket = socket
        self.process = process
        self.rig = rig
    }

    /// containerd logs to stderr.
    var log: String { process.stderr }

    /// The CRI API of this daemon (image namespace `k8s.io`).
    var cri: CRIClient { CRIClient(socket: socket, rig: rig) }

    /// Runs `ctr` against this daemon, inside the rig's network.
    func ctr(_ arguments: [String], namespace: String = "default") async throws -> ToolResult {
        try await rig.run(
            [rig.tools.ctr, "--address", socket, "--namespace", namespace] + arguments, logName: "ctr")
    }

    /// `ctr content get`: a blob of the content store, as raw bytes on stdout, or "not found".
    func contentBlob(_ digest: String, namespace: String) async throws -> ToolResult {
        try await ctr(["content", "get", digest], namespace: namespace)
    }

    /// Runs containerd's garbage collection now and waits for it, by deleting a fresh lease with
    /// `--sync`. Without this, collection runs whenever the scheduler decides: usually within a
    /// second of a pull, but not reliably so on a busy machine.
    func collectGarbage(namespace: String) async throws {
        let lease = "nodeprep-gc-\(UInt32.random(in: 0...UInt32.max))"
        for step in [["leases", "create", "--id", lease], ["leases", "delete", "--sync", lease]] {
            let result = try await ctr(step, namespace: namespace)
            guard result.succeeded else { throw HarnessError("forcing garbage collection failed: \(result)") }
        }
    }

    /// The status column of `ctr plugins ls` for `id` (`ok`, `error` or `skip`), nil when unlisted.
    /// containerd keeps serving when a plugin fails to load; this is how a test sees it.
    func pluginStatus(type: String, id: String) async throws -> String? {
        let listing = try await ctr(["plugins", "ls"])
        guard listing.succeeded else { throw HarnessError("ctr plugins ls failed: \(listing)") }
        return listing.stdout.split(separator: "\n").lazy
            .map { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
            .first { $0.count >= 4 && $0[0] == type && $0[1] == id }?
            .last
    }

    fileprivate var isServing: Bool {
        get async {
            guard FileManager.default.fileExists(atPath: socket) else { return false }
            return (try? await ctr(["version"]).succeeded) ?? false
        }
    }

    fileprivate func endedEarly() -> ToolResult? {
        process.isRunning ? nil : process.result()
    }
}

/// How a daemon start ended: serving on its socket, or exited (e.g. on a config error).
enum ContainerdLaunch {
    case serving(ContainerdDaemon)
    case exited(ToolResult)
}

extension ContainerdRig {
    /// Starts containerd with `config` and waits until it serves or exits.
    ///
    /// - Parameters:
    ///   - config: the config.toml text, as nodeprep would write it.
    ///   - nodeRoot: the node whose files the config names; node paths in the config (registry
    ///     `config_path`, `base_runtime_spec`) are mapped under it. Without one they stay as written.
    func launchContainerd(config: String, nodeRoot: NodeRoot? = nil) async throws -> ContainerdLaunch {
        let name = (scratch.uniquePath("cd") as NSString).lastPathComponent
        let sandbox = ContainerdSandbox(directory: try scratch.makeDirectory(name))
        let configFile = try scratch.write(
            try sandbox.apply(to: config, nodeRoot: nodeRoot?.path), to: "\(name)/config.toml")
        let process = try start([tools.containerd, "--config", configFile], logName: "containerd")
        let daemon = ContainerdDaemon(configFile: configFile, socket: sandbox.socket, process: process, rig: self)
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let ended = daemon.endedEarly() { return .exited(ended) }
            if await daemon.isServing { return .serving(daemon) }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw HarnessError(
            "containerd neither served on \(sandbox.socket) nor exited within 60 s:\n\(process.result())")
    }

    /// Boots containerd as the node would: from its `/etc/containerd/config.toml`.
    func launchContainerd(node: NodeRoot) async throws -> ContainerdLaunch {
        try await launchContainerd(config: try node.containerdConfig(), nodeRoot: node)
    }

    /// Starts containerd and requires it to serve with its CRI plugin loaded: nodeprep's config
    /// is all about CRI settings, so a daemon without CRI would test nothing.
    func startContainerd(config: String, nodeRoot: NodeRoot? = nil) async throws -> ContainerdDaemon {
        try await Self.requireCRI(try await launchContainerd(config: config, nodeRoot: nodeRoot))
    }

    /// `startContainerd(config:nodeRoot:)` from the node's own config.toml.
    func startContainerd(node: NodeRoot) async throws -> ContainerdDaemon {
        try await Self.requireCRI(try await launchContainerd(node: node))
    }

    private static func requireCRI(_ launch: ContainerdLaunch) async throws -> ContainerdDaemon {
        switch launch {
        case .exited(let result):
            throw HarnessError("containerd exited instead of serving:\n\(result)")
        case .serving(let daemon):
            let cri = try await daemon.pluginStatus(type: "io.containerd.grpc.v1", id: "cri")
            guard cri == "ok" else {
                throw HarnessError("containerd serves but its CRI plugin is \(cri ?? "missing"):\n\(daemon.log)")
            }
            return daemon
        }
    }
}
