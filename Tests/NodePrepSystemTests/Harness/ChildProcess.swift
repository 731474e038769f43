import Foundation

@testable import NodePrepSystem

/// A program started by the harness.
///
/// Started with `posix_spawn` rather than Foundation's `Process` so the child gets a clean
/// signal state: test threads block most signals, and a child that inherits that mask ignores
/// the SIGTERM meant to stop it. Output goes to files, not pipes, so a chatty child can never
/// stall on a full pipe. Every child runs under coreutils `timeout`, which gives it a hard
/// lifetime that holds even when the test process dies before its cleanup runs; `stop()` sends
/// SIGTERM to `timeout`, which passes it on and follows up with SIGKILL after a grace period.
final class ChildProcess {
    let command: [String]
    let stdoutPath: String
    let stderrPath: String
    private let pid: pid_t
    private var exitStatus: Int32?

    /// Seconds between the SIGTERM (from `stop()` or the lifetime) and the SIGKILL.
    private static let killGraceSeconds = 3

    /// Variables that could send a child's HTTP through a proxy instead of straight to loopback.
    private static let proxyVariables: Set<String> = [
        "http_proxy", "https_proxy", "all_proxy", "no_proxy",
        "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY",
    ]

    /// Starts `command` with at most `lifetime` to live; output lands in `logStem.out`/`.err`.
    init(_ command: [String], lifetime: Duration, logStem: String, tools: Tools) throws {
        self.command = command
        stdoutPath = logStem + ".out"
        stderrPath = logStem + ".err"
        let seconds = max(1, lifetime.components.seconds)
        let argv = [tools.timeout, "--kill-after=\(Self.killGraceSeconds)s", "\(seconds)s"] + command
        let environment = ProcessInfo.processInfo.environment
            .filter { !Self.proxyVariables.contains($0.key) }
            .map { "\($0.key)=\($0.value)" }
        pid = try Self.spawn(argv, environment: environment, stdout: stdoutPath, stderr: stderrPath)
    }

    /// Runs `command` to its end (or its `limit`) and returns how it ended.
    static func run(
        _ command: [String], limit: Duration, logStem: String, tools: Tools
    ) async throws -> ToolResult {
        let child = try ChildProcess(command, lifetime: limit, logStem: logStem, tools: tools)
        _ = await child.waitForExit(within: limit + .seconds(killGraceSeconds + 2))
        child.stop()
        return child.result()
    }

    var isRunning: Bool {
        reap()
        return exitStatus == nil
    }

    var stdout: String { String(decoding: Self.read(stdoutPath), as: UTF8.self) }
    var stderr: String { String(decoding: Self.read(stderrPath), as: UTF8.self) }

    /// Waits until the child has ended or `within` has passed; returns its status if it ended.
    func waitForExit(within: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + within
        while isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return exitStatus
    }

    /// Ends the child if it still runs, and waits for it. Safe to call more than once.
    func stop() {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(Self.killGraceSeconds + 2)
        while isRunning && ContinuousClock.now < deadline {
            usleep(10_000)
        }
    }

    /// The result so far: status is -1 while the child still runs.
    func result() -> ToolResult {
        ToolResult(
            command: command, status: isRunning ? -1 : exitStatus ?? -1, stdoutData: Self.read(stdoutPath),
            stderr: stderr)
    }

    /// Collects the exit status once the child has ended: the exit code, or 128 + signal.
    private func reap() {
        guard exitStatus == nil else { return }
        var status: Int32 = 0
        let reaped = waitpid(pid, &status, WNOHANG)
        if reaped == -1 && errno == ECHILD {
            exitStatus = -1  // collected by someone else: ended, status unknown
            return
        }
        guard reaped == pid else { return }
        let signal = status & 0x7f
        exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    private static func spawn(
        _ argv: [String], environment: [String], stdout: String, stderr: String
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // Tests running at the same time hold pipes (a server's stdin, a child's output) whose
        // readers wait for the last writer to close. A long-lived child that inherited such a
        // descriptor would keep them waiting for its whole lifetime.
        SpawnActions.closeInherited(from: 3, in: &actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        SpawnActions.resetSignals(in: &attributes)

        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in cArgv + cEnvironment { free(pointer) }
        }
        var pid = pid_t()
        let error = posix_spawn(&pid, argv[0], &actions, &attributes, cArgv, cEnvironment)
        guard error == 0 else {
            let reason = String(cString: strerror(error))
            throw HarnessError("cannot start `\(argv.joined(separator: " "))`: \(reason)")
        }
        return pid
    }

    private static func read(_ path: String) -> Data {
        FileManager.default.contents(atPath: path) ?? Data()
    }
}
