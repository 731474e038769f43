import Foundation

/// One test's private world: a scratch folder, a loopback-only network namespace, and the real
/// programs (registry, containerd, ctr, skopeo, curl) started inside it.
///
/// Use it through `ContainerdRig.with(_:_:)`, which tears everything down when the body ends,
/// whether it returned or threw: programs are stopped newest first, then the namespace goes, then
/// the scratch folder. Each program also carries a hard lifetime (see `ChildProcess`), so nothing
/// outlives a crashed test run by more than `lifetime`.
final class ContainerdRig {
    let tools: Tools
    let scratch: ScratchDirectory
    private let network: LoopbackNetwork
    private var children: [ChildProcess] = []

    /// The longest any program of a rig may live; a rig test takes a few seconds.
    static let lifetime: Duration = .seconds(120)

    /// Set to keep the scratch folder (logs, configs, daemon state) for a look after the run.
    static let keepScratchVariable = "NODEPREP_KEEP_SCRATCH"

    private init(tools: Tools, scratch: ScratchDirectory, network: LoopbackNetwork) {
        self.tools = tools
        self.scratch = scratch
        self.network = network
    }

    /// Builds a rig, runs `body` with it, and tears it down. Throws a `HarnessError` when the
    /// machine cannot host one (not root, a program missing).
    static func with<T>(_ label: String, _ body: (ContainerdRig) async throws -> T) async throws -> T {
        try Tools.requireRoot()
        let tools = try Tools.locate()
        let scratch = try ScratchDirectory(label: label)
        let network: LoopbackNetwork
        do {
            network = try await LoopbackNetwork(scratch: scratch, lifetime: lifetime, tools: tools)
        } catch {
            scratch.remove()
            throw error
        }
        let rig = ContainerdRig(tools: tools, scratch: scratch, network: network)
        defer { rig.tearDown() }
        return try await body(rig)
    }

    /// Runs `command` inside the rig's network to its end, or until `limit`.
    func run(_ command: [String], limit: Duration = .seconds(30), logName: String) async throws -> ToolResult {
        try await ChildProcess.run(
            network.inside(command), limit: limit, logStem: scratch.uniquePath(logName), tools: tools)
    }

    /// Starts a long-running `command` inside the rig's network; it is stopped at teardown.
    func start(_ command: [String], logName: String) throws -> ChildProcess {
        let child = try ChildProcess(
            network.inside(command), lifetime: Self.lifetime, logStem: scratch.uniquePath(logName),
            tools: tools)
        children.append(child)
        return child
    }

    /// Polls `probe` until it returns a value, `child` ends, or `within` passes.
    func waitFor<T>(
        _ what: String, of child: ChildProcess, within: Duration = .seconds(60),
        probe: () async throws -> T?
    ) async throws -> T {
        let deadline = ContinuousClock.now + within
        while ContinuousClock.now < deadline {
            if let value = try await probe() { return value }
            guard child.isRunning else {
                throw HarnessError("\(what): the program ended first\n\(child.result())")
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw HarnessError("\(what): not within \(within)\n\(child.result())")
    }

    private func tearDown() {
        for child in children.reversed() {
            child.stop()
        }
        network.stop()
        if ProcessInfo.processInfo.environment[Self.keepScratchVariable] == nil {
            scratch.remove()
        }
    }
}
