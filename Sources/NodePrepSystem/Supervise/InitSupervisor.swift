import Glibc
import Logging
import NodePrepCore

/// Runs `nodeprep init` in a worker process and runs it again when the worker crashes, so a crash
/// inside a library costs one try, not the node's boot.
///
/// Why a second process: FoundationNetworking's URLSession watches libcurl's sockets with
/// libdispatch sources, and on Linux libdispatch can unregister the source of a connection that
/// was refused or reset on a worker thread while its event thread updates the same bookkeeping
/// (swift-corelibs-libdispatch issue 949, open). Rarely, an IMDS connection that fails that way
/// ends the process with SIGSEGV inside `_dispatch_unote_unregister_muxed`. Nothing in the process
/// can catch that, and systemd's `Restart=` comes too late: containerd's start job has failed with
/// nodeprep's by then, and systemd does not retry it.
///
/// So the process systemd starts does no work of its own. ``superviseWorkers()`` is called first
/// thing in `main`, while the process has one thread and has not touched libdispatch, so `fork`
/// is safe and each worker starts exactly where a fresh process would, without loading the
/// program again. The supervisor waits and ends as the worker ended: with its exit status, or by
/// the same signal when someone stopped it. Only when the worker died of a crash signal does it
/// fork a new worker, with what is left of the IMDS deadline, at most ``maxRestarts`` times.
/// Running `init` again is safe: every file is replaced atomically and the plan starts from the
/// node as it is. The worker speaks to systemd itself (the unit has `NotifyAccess=all`) and
/// waits for systemd to read its last notification before it exits.
///
/// The supervisor logs through a handler of its own rather than swift-log's bootstrap, which a
/// worker must still be able to make once. Only runs that will build a URLSession are supervised
/// (see `NodePrepMain`); a re-run that this boot's copy answers needs none and runs in one process.
public struct InitSupervisor: Sendable {
    /// Signals that mean the worker crashed, rather than that something stopped it.
    static let crashSignals: [Int32: String] = [
        SIGSEGV: "SIGSEGV", SIGBUS: "SIGBUS", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP", SIGFPE: "SIGFPE",
        SIGABRT: "SIGABRT",
    ]

    /// How a worker ended.
    enum WorkerEnd: Equatable {
        case exited(Int32)
        case killed(signal: Int32)

        /// Decodes a `waitpid` status (the W* macros are not imported into Swift).
        init(waitStatus status: Int32) {
            self = status & 0x7F == 0 ? .exited((status >> 8) & 0xFF) : .killed(signal: status & 0x7F)
        }
    }

    /// What the supervisor does once a worker has ended.
    enum Decision: Equatable {
        /// End with this exit status.
        case exit(Int32)
        /// End by this signal, as the worker did.
        case endBy(signal: Int32)
        /// Start a new worker.
        case restart
        /// A crash with no IMDS deadline left to run again in.
        case deadlinePassed
        /// A crash after ``maxRestarts`` runs again.
        case tooManyCrashes
    }

    /// Runs again after a crash, at most.
    public static let maxRestarts = 3

    /// The command line as nodeprep was started with it; the first element is its name.
    public let arguments: [String]
    /// The IMDS deadline the command line asks for: all workers together keep to it.
    public let imdsDeadline: Duration

    public init(arguments: [String], imdsDeadline: Duration) {
        self.arguments = arguments
        self.imdsDeadline = imdsDeadline
    }

    /// What to do after `end`, with `restarts` runs again behind and `remaining` of the deadline.
    static func decide(after end: WorkerEnd, restarts: Int, remaining: Duration) -> Decision {
        switch end {
        case .exited(let status):
            return .exit(status)
        case .killed(let signal) where crashSignals[signal] == nil:
            return .endBy(signal: signal)
        case .killed:
            if remaining <= .zero { return .deadlinePassed }
            return restarts < maxRestarts ? .restart : .tooManyCrashes
        }
    }

    /// The command line for a worker that has `remaining` of the IMDS deadline: the original, with
    /// the deadline given last (the last value of an option wins), before a `--` if there is one.
    static func workerArguments(_ arguments: [String], remaining: Duration?) -> [String] {
        guard let remaining else { return arguments }
        let seconds = Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18
        let option = "--imds-deadline=\(max(seconds, 0.001))"
        var result = arguments
        result.insert(option, at: arguments.firstIndex(of: "--") ?? arguments.endIndex)
        return result
    }

    /// A signal's name for the log: `SIGSEGV`, or `signal 15`.
    static func name(of signal: Int32) -> String {
        crashSignals[signal] ?? "signal \(signal)"
    }

    /// Forks workers until one ends other than by a crash, then ends the same way; returns only in
    /// a worker, which then goes on as the program with the command line returned (the original,
    /// or with the deadline that is left). Call it while the process has one thread.
    public func superviseWorkers() -> [String] {
        let logger = Logger(label: "nodeprep") { _ in NodePrepLogHandler(output: .detect()) }
        let deadline = ContinuousClock.now.advanced(by: imdsDeadline)
        var restarts = 0
        var remaining: Duration?
        while true {
            let started = ContinuousClock.now
            let workerArguments = Self.workerArguments(arguments, remaining: remaining)
            let pid = fork()
            if pid == 0 { return workerArguments }
            guard pid > 0 else {
                // No worker: do the work in this process, unsupervised, rather than not at all.
                logger.warning(
                    "cannot start a worker process (\(String(cString: strerror(errno)))); running init unsupervised")
                return workerArguments
            }
            let end = Self.wait(for: pid)
            let left = ContinuousClock.now.duration(to: deadline)
            let crash =
                "nodeprep's init worker crashed (\(Self.describe(end))) after \((ContinuousClock.now - started).logText)"
            switch Self.decide(after: end, restarts: restarts, remaining: left) {
            case .exit(let status):
                exit(status)
            case .endBy(let signal):
                Self.end(by: signal)
            case .restart:
                restarts += 1
                remaining = left
                logger.error(
                    "\(crash); running it again with \(left.logText) of the IMDS deadline left (\(restarts) of \(Self.maxRestarts))",
                    metadata: NodePrepEvent.workerCrashed.metadata())
            case .deadlinePassed:
                fail(NodePrepError(.sourceUnavailable, "\(crash) and the IMDS deadline has passed"), logger: logger)
            case .tooManyCrashes:
                fail(NodePrepError(.crashed, "\(crash), the \(Self.maxRestarts + 1)th time; giving up"), logger: logger)
            }
        }
    }

    /// Waits for the worker `pid` to end.
    private static func wait(for pid: pid_t) -> WorkerEnd {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            // Only EINTR can happen: the worker is this process's child and not yet waited for.
            guard errno == EINTR else { return .exited(70) }
        }
        return WorkerEnd(waitStatus: status)
    }

    private func fail(_ failure: NodePrepError, logger: Logger) -> Never {
        logger.critical("\(failure)", metadata: NodePrepEvent.fatalError.metadata(failure.logMetadata))
        try? SystemdNotifier().failed(errno: failure.errno, status: "failed: \(failure.description.prefix(200))")
        exit(failure.exitCode)
    }

    private static func describe(_ end: WorkerEnd) -> String {
        switch end {
        case .exited(let status): "exit status \(status)"
        case .killed(let signal): name(of: signal)
        }
    }

    /// Ends this process by `signal`, unblocked and with its default action; a signal whose
    /// default is to be ignored ends it with the shell's status for it instead.
    private static func end(by signal: Int32) -> Never {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, signal)
        Glibc.signal(signal, SIG_DFL)
        sigprocmask(SIG_UNBLOCK, &set, nil)
        raise(signal)
        exit(128 + signal)
    }
}
