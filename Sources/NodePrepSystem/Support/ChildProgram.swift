import Glibc

/// A short-lived child program whose output nodeprep reads (`containerd config dump`), started
/// with `posix_spawn`: standard input from /dev/null, standard output and error on two pipes,
/// every other descriptor closed, no signal blocked or ignored.
struct ChildProgram {
    struct Result {
        /// The exit status, or -1 when it was killed or did not exit normally.
        var status: Int32
        var output: [UInt8]
        var errorOutput: [UInt8]
    }

    /// Runs `arguments` (the first is the program's path) to its end; nil when it could not be
    /// started. A child still running at the deadline, or writing more than `outputLimit`
    /// bytes, is killed (status -1).
    static func run(_ arguments: [String], timeout: Duration, outputLimit: Int = 1 << 20) -> Result? {
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&outputPipe) == 0 else { return nil }
        guard pipe(&errorPipe) == 0 else {
            outputPipe.forEach { close($0) }
            return nil
        }
        // The reading ends stay in this process; the writing ends are closed after the spawn.
        for descriptor in outputPipe + errorPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        SpawnActions.closeInherited(from: 3, in: &actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        SpawnActions.resetSignals(in: &attributes)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        close(outputPipe[1])
        close(errorPipe[1])
        defer {
            close(outputPipe[0])
            close(errorPipe[0])
        }
        guard spawned == 0 else { return nil }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var streams = [(descriptor: outputPipe[0], bytes: [UInt8](), open: true),
                       (descriptor: errorPipe[0], bytes: [UInt8](), open: true)]
        var complete = true
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while streams.contains(where: \.open) {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero, streams.map(\.bytes.count).reduce(0, +) <= outputLimit else {
                complete = false
                break
            }
            var watched = streams.map { pollfd(fd: $0.open ? $0.descriptor : -1, events: Int16(POLLIN), revents: 0) }
            let milliseconds = Int32(clamping: remaining.components.seconds * 1000 + 1)
            if poll(&watched, nfds_t(watched.count), milliseconds) < 0, errno != EINTR { break }
            for index in streams.indices where streams[index].open && watched[index].revents != 0 {
                let count = chunk.withUnsafeMutableBytes { read(streams[index].descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    streams[index].bytes += chunk[..<count]
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    streams[index].open = false
                }
            }
        }
        if !complete { kill(pid, SIGKILL) }
        let status = reap(pid)
        return Result(status: complete ? status : -1, output: streams[0].bytes, errorOutput: streams[1].bytes)
    }

    /// Waits for `pid`; its exit status, or -1 when it did not exit normally.
    static func reap(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return -1 }
        }
        // WIFEXITED / WEXITSTATUS are macros Swift cannot import.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : -1
    }
}
