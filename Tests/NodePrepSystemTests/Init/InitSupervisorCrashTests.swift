import Foundation
import Testing

@testable import NodePrepSystem

/// `nodeprep init` (the built binary) whose worker process dies by a real signal while it waits for
/// IMDS on loopback: a crash is run again with what is left of the deadline, a worker that keeps
/// crashing is given up, and a worker stopped from outside ends the run the same way.
///
/// The signals are sent with kill(2). The Swift runtime's backtracer would catch a SIGSEGV sent
/// that way, print a backtrace and carry on (only a fault it re-raises ends the process), so
/// the runs switch it off with `SWIFT_BACKTRACE=enable=no`: the worker then dies as it would from
/// a real fault.
@Suite(.serialized) struct InitSupervisorCrashTests {
    static let nodeAddress = "10.77.0.9"

    /// How a supervised run ended: its status (or signal), everything the supervisor and its
    /// workers wrote on standard error, and what is under the root.
    struct End: Sendable {
        var reason: Process.TerminationReason
        var status: Int32
        var stderr: String
        var written: [String]
        var requests: [String] = []
    }

    /// `nodeprep init` running in the background against `server`.
    final class RunningInit {
        let process = Process()
        let root: TemporaryFolder
        private let logs: TemporaryFolder

        init(server: IMDSTestServer, deadline: Double) throws {
            root = try TemporaryFolder()
            logs = try TemporaryFolder()
            process.executableURL = URL(fileURLWithPath: try NodePrepBinary.path())
            process.arguments = [
                "init", "--root", root.path, "--imds-deadline", "\(deadline)", "--containerd-version", "1.7.20",
            ]
            var environment = ProcessInfo.processInfo.environment.merging(server.environment) { $1 }
            environment["AWS_EC2_METADATA_DISABLED"] = "false"
            environment["SWIFT_BACKTRACE"] = "enable=no"
            environment.removeValue(forKey: "NOTIFY_SOCKET")
            environment.removeValue(forKey: "JOURNAL_STREAM")
            process.environment = environment
            _ = FileManager.default.createFile(atPath: logs.path("stderr"), contents: nil)
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logs.path("stderr")))
            process.standardOutput = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        deinit {
            for worker in workers() { kill(worker, SIGKILL) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }

        /// The live children of the supervisor: its worker, when one runs.
        func workers() -> [pid_t] {
            let parent = process.processIdentifier
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return entries.compactMap(pid_t.init).filter { pid in
                guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                    let fields = stat.split(separator: ")").last?.split(separator: " "), fields.count > 2
                else { return false }
                return fields[0] != "Z" && pid_t(fields[1]) == parent
            }
        }

        /// Waits for a worker other than `previous` to appear.
        func nextWorker(after previous: pid_t? = nil) throws -> pid_t {
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline {
                if let worker = workers().first(where: { $0 != previous }) { return worker }
                Thread.sleep(forTimeInterval: 0.005)
            }
            throw NoWorker()
        }

        /// Waits for the next worker, gives it time to reach IMDS (where it then waits or
        /// retries), and kills it with `signal`.
        @discardableResult
        func killNextWorker(after previous: pid_t? = nil, with signal: Int32) throws -> pid_t {
            let worker = try nextWorker(after: previous)
            Thread.sleep(forTimeInterval: 0.5)
            kill(worker, signal)
            return worker
        }

        /// Waits for the supervisor to end.
        func finish() throws -> End {
            process.waitUntilExit()
            let stderr = (try? String(contentsOfFile: logs.path("stderr"), encoding: .utf8)) ?? ""
            return End(
                reason: process.terminationReason, status: process.terminationStatus, stderr: stderr,
                written: try root.contents())
        }

        struct NoWorker: Error {}
    }

    /// Every blocking step on a thread of its own, off the concurrency pool.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await DedicatedThread.run { Result { try body() } }.get()
    }

    /// The first connection hangs, and the worker waiting on it is killed with SIGSEGV: a new
    /// worker gets every answer and writes the node's files.
    @Test(.timeLimit(.minutes(1))) func aCrashedWorkerIsRunAgainAndFinishesTheJob() async throws {
        let end = try await Self.blocking {
            let server = try IMDSTestServer(
                userData: KarpenterStyleUserData.servedByIMDS,
                options: ["--local-ipv4", Self.nodeAddress, "--hang-first", "1"])
            defer { server.stop() }
            let run = try RunningInit(server: server, deadline: 30)
            try run.killNextWorker(with: SIGSEGV)
            var end = try run.finish()
            end.requests = try server.requestLog()
            return (end, FileInspection.bytes(run.root.path("etc/containerd/certs.d/docker.io/hosts.toml")))
        }
        #expect(end.0.reason == .exit && end.0.status == 0, "\(end.0.stderr)")
        #expect(end.0.stderr.contains("init worker crashed (SIGSEGV)"), "\(end.0.stderr)")
        #expect(end.0.stderr.contains("running it again with"), "\(end.0.stderr)")
        #expect(end.1.map { String(decoding: $0, as: UTF8.self) }?.contains(Self.nodeAddress) == true)
        #expect(
            end.0.requests == [
                "PUT /latest/api/token 200", "GET /latest/user-data 200", "GET /latest/meta-data/local-ipv4 200",
            ])
    }

    /// Every worker is killed while IMDS refuses connections: each later worker keeps to the
    /// deadline that is left (its retries say how much is left), and after the last allowed run
    /// again the supervisor gives up with exit 70, having written nothing.
    @Test(.timeLimit(.minutes(1))) func aWorkerThatKeepsCrashingIsGivenUp() async throws {
        let end = try await Self.blocking {
            let server = try IMDSTestServer(options: ["--refuse-for", "1000"])
            defer { server.stop() }
            let run = try RunningInit(server: server, deadline: 40)
            var previous: pid_t?
            for _ in 0...InitSupervisor.maxRestarts {
                previous = try run.killNextWorker(after: previous, with: SIGSEGV)
            }
            return try run.finish()
        }
        #expect(end.reason == .exit && end.status == 70, "\(end.stderr)")
        let max = InitSupervisor.maxRestarts
        #expect(end.stderr.contains("(\(max) of \(max))"), "\(end.stderr)")
        #expect(end.stderr.contains("giving up"), "\(end.stderr)")
        #expect(end.written.isEmpty, "a failed run wrote something")
        // Between one "running it again with N ms ... left" and the next, every retry line's
        // "M ms left" is at most N.
        let segments = end.stderr.split(separator: "running it again with ").dropFirst()
        #expect(segments.count == max)
        for segment in segments {
            let announced = Int(segment.prefix { $0.isNumber })
            let lefts = segment.matches(of: /(\d+) ms left/).compactMap { Int($0.1) }
            #expect(!lefts.isEmpty, "no retry after a run again: \(segment)")
            #expect(announced.map { limit in lefts.allSatisfy { $0 <= limit } } == true, "\(segment)")
            #expect(announced.map { $0 < 40_000 && $0 > 30_000 } == true, "\(segment)")
        }
    }

    /// SIGTERM is how systemd stops a unit: the supervisor ends by it too, and runs nothing again.
    @Test(.timeLimit(.minutes(1))) func aWorkerStoppedFromOutsideEndsTheRunTheSameWay() async throws {
        let end = try await Self.blocking {
            let server = try IMDSTestServer(options: ["--hang-first", "1000"])
            defer { server.stop() }
            let run = try RunningInit(server: server, deadline: 40)
            try run.killNextWorker(with: SIGTERM)
            return try run.finish()
        }
        #expect(end.reason == .uncaughtSignal && end.status == SIGTERM, "\(end.reason) \(end.status) \(end.stderr)")
        #expect(!end.stderr.contains("running it again"), "\(end.stderr)")
        #expect(end.written.isEmpty)
    }
}
