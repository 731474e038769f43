import Glibc

/// One run of nodeprep's own program as an ``InitSupervisor`` worker.
///
/// The worker is `/proc/self/exe`, so it is the very binary that is running even when the package
/// was upgraded in between. It shares the supervisor's standard input, output and error (the
/// journal's stream under systemd) and its environment, plus ``InitSupervisor/workerVariable``;
/// every other descriptor is closed and no signal is blocked or ignored in it.
enum WorkerProcess {
    /// Starts a worker with `arguments` (the first is its name) and waits for it to end; nil when
    /// it could not be started (`errno` says why).
    static func run(_ arguments: [String]) -> InitSupervisor.WorkerEnd? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        SpawnActions.closeInherited(from: 3, in: &actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        SpawnActions.resetSignals(in: &attributes)

        let marker = "\(InitSupervisor.workerVariable)=\(getpid())"
        var environment: [UnsafeMutablePointer<CChar>?] = [strdup(marker)]
        var entry = environ
        while let variable = entry.pointee {
            if !String(cString: variable).hasPrefix(InitSupervisor.workerVariable + "=") {
                environment.append(strdup(variable))
            }
            entry += 1
        }
        environment.append(nil)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv + environment { free(pointer) } }

        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/proc/self/exe", &actions, &attributes, argv, environment)
        guard spawned == 0 else {
            errno = spawned
            return nil
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            // Only EINTR can happen here: the child is ours and has not been waited for.
            guard errno == EINTR else { return .exited(127) }
        }
        return InitSupervisor.WorkerEnd(waitStatus: status)
    }
}
