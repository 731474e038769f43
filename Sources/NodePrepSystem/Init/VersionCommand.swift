import Glibc

/// `PROGRAM --version`, started at once and read later: for the Go programs nodeprep asks their
/// version when their build information does not tell (containerd, kubelet).
///
/// Spawned with `posix_spawn` and a pipe: nothing else is needed, and Foundation's `Process` adds
/// several milliseconds (it lists and closes every descriptor in the child). The child is waited
/// for on a thread of its own, so a slow one does not hold a thread of the concurrency pool.
struct VersionCommand: Sendable {
    static let outputLimit = 64 * 1024

    let pid: pid_t
    let output: Int32
    let deadline: ContinuousClock.Instant

    /// Starts `binary --version`; nil when it cannot be started. A program that is not there (no
    /// kubelet on an image being baked) is not even forked for.
    static func start(_ binary: String, timeout: Duration) -> VersionCommand? {
        guard access(binary, X_OK) == 0, let child = spawn(binary) else { return nil }
        return VersionCommand(pid: child.pid, output: child.output, deadline: ContinuousClock.now.advanced(by: timeout))
    }

    /// What the program printed on standard output; nil when it failed, printed more than
    /// ``outputLimit`` or did not finish by the deadline (then it is killed). Call once.
    func output() async -> String? {
        await DedicatedThread.run { collect() }
    }

    private func collect() -> String? {
        let text = Self.readAll(output, until: deadline)
        close(output)
        if text == nil { kill(pid, SIGKILL) }
        let status = Self.reap(pid)
        guard let text, status == 0 else { return nil }
        return String(decoding: text, as: UTF8.self)
    }

    private static func spawn(_ binary: String) -> (pid: pid_t, output: Int32)? {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        SpawnActions.closeInherited(from: 3, in: &actions)
        // The calling thread may block signals; the child starts with none blocked or ignored.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        SpawnActions.resetSignals(in: &attributes)
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup(binary), strdup("--version"), nil]
        let environment = childEnvironment()
        defer { (arguments + environment).forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, binary, &actions, &attributes, arguments, environment)
        close(ends[1])
        guard result == 0 else {
            close(ends[0])
            return nil
        }
        return (pid, ends[0])
    }

    /// nodeprep's environment with `GOGC=off`: containerd sets up all its plugins before it looks
    /// at its arguments (kubelet registers its flags and feature gates), and without garbage
    /// collection during that containerd answers about 20% sooner.
    /// It exits right after printing, so the memory is never missed.
    private static func childEnvironment() -> [UnsafeMutablePointer<CChar>?] {
        var entries: [UnsafeMutablePointer<CChar>?] = []
        var cursor = environ
        while let entry = cursor.pointee {
            if strncmp(entry, "GOGC=", 5) != 0 { entries.append(strdup(entry)) }
            cursor += 1
        }
        return entries + [strdup("GOGC=off"), nil]
    }

    /// Everything the child writes until it closes its output; nil at the deadline or past the limit.
    private static func readAll(_ descriptor: Int32, until deadline: ContinuousClock.Instant) -> [UInt8]? {
        var text: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while text.count <= outputLimit {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return nil }
            var watched = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(clamping: remaining.components.seconds * 1000 + 1)
            if poll(&watched, 1, milliseconds) < 0, errno != EINTR { return nil }
            guard watched.revents != 0 else { continue }
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return text }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return nil
            }
            text += chunk[..<count]
        }
        return nil
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
