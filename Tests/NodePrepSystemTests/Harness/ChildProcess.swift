import Foundation

/// A program started by the harness.
///
/// Output goes to files, not pipes, so a chatty child can never stall on a full pipe. Every child
/// runs under coreutils `timeout`, which gives it a hard lifetime that holds even when the test
/// process dies before its cleanup runs; `stop()` sends SIGTERM to `timeout`, which passes it on
/// and follows up with SIGKILL after a grace period.
final class ChildProcess {
    let command: [String]
    let stdoutPath: String
    let stderrPath: String
    private let process = Process()

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
        let seconds = max(1, Int(lifetime.components.seconds))
        process.executableURL = URL(fileURLWithPath: tools.timeout)
        process.arguments = ["--kill-after=\(Self.killGraceSeconds)s", "\(seconds)s"] + command
        process.environment = ProcessInfo.processInfo.environment.filter {
            !Self.proxyVariables.contains($0.key)
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try Self.createLog(stdoutPath)
        process.standardError = try Self.createLog(stderrPath)
        do {
            try process.run()
        } catch {
            throw HarnessError("cannot start `\(command.joined(separator: " "))`: \(error)")
        }
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

    var isRunning: Bool { process.isRunning }

    var stdout: String { Self.read(stdoutPath) }
    var stderr: String { Self.read(stderrPath) }

    /// Waits until the child has ended or `within` has passed; returns its status if it ended.
    func waitForExit(within: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + within
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Ends the child if it still runs, and waits for it. Safe to call more than once.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = ContinuousClock.now + .seconds(Self.killGraceSeconds + 2)
        while process.isRunning && ContinuousClock.now < deadline {
            usleep(10_000)
        }
    }

    /// The result so far: status is -1 while the child still runs.
    func result() -> ToolResult {
        ToolResult(
            command: command, status: process.isRunning ? -1 : process.terminationStatus,
            stdout: stdout, stderr: stderr)
    }

    private static func createLog(_ path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw HarnessError("cannot create log file \(path)")
        }
        return handle
    }

    private static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}
