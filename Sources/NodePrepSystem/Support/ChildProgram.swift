import Glibc

/// A short-lived child program whose output nodeprep reads (`containerd --version`,
/// `kubelet --version`, `containerd config dump`), started with `posix_spawn`: standard input from
/// /dev/null, standard output and error on pipes (or error to /dev/null), every other descriptor
/// closed, no signal blocked or ignored.
///
/// Started and finished in two steps, so a caller can start a child early and read it later.
/// `posix_spawn` and pipes are all that is needed: Foundation's `Process` adds several
/// milliseconds (it lists and closes every descriptor in the child).
struct ChildProgram: Sendable {
    struct Result: Sendable {
        /// The exit status, or -1 when it was killed or did not exit normally.
        var status: Int32
        var output: [UInt8]
        var errorOutput: [UInt8]
    }

    let pid: pid_t
    /// The reading ends of standard output and, when captured, standard error.
    private let streams: [Int32]

    /// Starts `arguments` (the first is the program's path); nil when it could not be started.
    /// `environment` entries are `NAME=value`; nil passes nodeprep's own environment on.
    static func start(_ arguments: [String], environment: [String]? = nil, capturingErrors: Bool = true)
        -> ChildProgram?
    {
        var pipes: [[Int32]] = []
        for _ in 0..<(capturingErrors ? 2 : 1) {
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else {
                for descriptor in pipes.joined() { close(descriptor) }
                return nil
            }
            // The reading end stays in this process; the writing end is closed after the spawn.
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
            pipes.append(ends)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipes[0][1], 1)
        if capturingErrors {
            posix_spawn_file_actions_adddup2(&actions, pipes[1][1], 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        SpawnActions.closeInherited(from: 3, in: &actions)
        // The calling thread may block signals; the child starts with none blocked or ignored.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        SpawnActions.resetSignals(in: &attributes)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup($0) } + [nil] }
        defer { for pointer in argv + (envp ?? []) { free(pointer) } }
        var pid = pid_t()
        let spawned =
            envp.map { posix_spawn(&pid, arguments[0], &actions, &attributes, argv, $0) }
            ?? posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        for ends in pipes { close(ends[1]) }
        guard spawned == 0 else {
            for ends in pipes { close(ends[0]) }
            return nil
        }
        return ChildProgram(pid: pid, streams: pipes.map { $0[0] })
    }

    /// Starts `arguments` and reads it to its end; nil when it could not be started.
    static func run(_ arguments: [String], timeout: Duration, outputLimit: Int = 1 << 20) -> Result? {
        start(arguments)?.finish(until: ContinuousClock.now.advanced(by: timeout), outputLimit: outputLimit)
    }

    /// Reads the child's output until it closes it, then waits for the child. A child still
    /// running at `deadline`, or writing more than `outputLimit` bytes, is killed (status -1).
    /// Blocks the calling thread; call once.
    func finish(until deadline: ContinuousClock.Instant, outputLimit: Int) -> Result {
        var bytes = streams.map { _ in [UInt8]() }
        var open = streams.map { _ in true }
        var complete = true
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while open.contains(true) {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero, bytes.map(\.count).reduce(0, +) <= outputLimit else {
                complete = false
                break
            }
            var watched = streams.indices.map {
                pollfd(fd: open[$0] ? streams[$0] : -1, events: Int16(POLLIN), revents: 0)
            }
            let milliseconds = Int32(clamping: remaining.components.seconds * 1000 + 1)
            if poll(&watched, nfds_t(watched.count), milliseconds) < 0, errno != EINTR {
                complete = false
                break
            }
            for index in streams.indices where open[index] && watched[index].revents != 0 {
                let count = chunk.withUnsafeMutableBytes { read(streams[index], $0.baseAddress, $0.count) }
                if count > 0 {
                    bytes[index] += chunk[..<count]
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    open[index] = false
                }
            }
        }
        for descriptor in streams { close(descriptor) }
        if !complete { kill(pid, SIGKILL) }
        let status = Self.reap(pid)
        return Result(status: complete ? status : -1, output: bytes[0], errorOutput: bytes.count > 1 ? bytes[1] : [])
    }

    /// Waits for `pid`; its exit status, or -1 when it did not exit normally.
    private static func reap(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return -1 }
        }
        // WIFEXITED / WEXITSTATUS are macros Swift cannot import.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : -1
    }
}
