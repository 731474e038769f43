import Glibc
import NodePrepCore

/// The installed containerd's version, learned as early as possible and read when the plan needs it.
///
/// First from the binary's Go build information (``GoBuildInfo``): a few small reads of the file,
/// which tell at least the major version, all the config schema depends on. Only when that says
/// nothing (not a Go binary of containerd's module, or one linked before Go 1.18) is
/// `containerd --version` run. containerd is a Go program that sets up all of its plugins before it
/// prints its version; that takes about 20 ms, as long as the rest of `nodeprep init`, and a child
/// of over 30 MB. Started first, it runs while IMDS answers and the documents are decoded, so the
/// wait is mostly gone by the time the planner asks. It is spawned with `posix_spawn` and a pipe:
/// nothing else is needed, and Foundation's `Process` adds several milliseconds (it lists and
/// closes every descriptor in the child).
public final class ContainerdVersionProbe: Sendable {
    public static let defaultBinary = "/usr/bin/containerd"
    /// A containerd that has not answered by then is treated as one that gave no version.
    public static let timeout: Duration = .seconds(10)
    static let outputLimit = 64 * 1024

    /// Waits for the child on a thread of its own from the start, so it is reaped even when
    /// nobody asks (a run that fails before planning); every caller gets the same answer.
    private let answer: Task<InstalledContainerd?, Never>

    /// Reads the build information of `binary`, or else starts `binary --version`; `version()` is
    /// nil when neither tells.
    public init(binary: String = defaultBinary, timeout: Duration = ContainerdVersionProbe.timeout) {
        if let version = GoBuildInfo.read(executableAt: binary).flatMap(ContainerdVersion.init(buildInfo:)) {
            let installed = InstalledContainerd(version, from: .buildInformation)
            answer = Task { installed }
            return
        }
        guard let child = Self.spawn(binary) else {
            answer = Task { nil }
            return
        }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        answer = Task.detached {
            await DedicatedThread.run { Self.collect(child, until: deadline) }
        }
    }

    /// The version and where it came from; nil when containerd is not installed, or it had no build
    /// information and its `--version` failed, did not answer within ``timeout``, or said something
    /// unexpected.
    public func version() async -> InstalledContainerd? {
        await answer.value
    }

    private static func collect(_ child: (pid: pid_t, output: Int32), until deadline: ContinuousClock.Instant)
        -> InstalledContainerd?
    {
        let text = readAll(child.output, until: deadline)
        close(child.output)
        if text == nil { kill(child.pid, SIGKILL) }
        let status = ChildProgram.reap(child.pid)
        guard let text, status == 0 else { return nil }
        return ContainerdVersion(parsing: String(decoding: text, as: UTF8.self))
            .map { InstalledContainerd($0, from: .versionCommand) }
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
    /// at its arguments, and without garbage collection during that it answers about 20% sooner.
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
}
