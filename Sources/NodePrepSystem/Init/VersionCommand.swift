import Glibc

/// `PROGRAM --version`, started at once and read later: for the Go programs nodeprep asks their
/// version when their build information does not tell (containerd, kubelet).
///
/// The child is waited for on a thread of its own, so a slow one does not hold a thread of the
/// concurrency pool.
struct VersionCommand: Sendable {
    static let outputLimit = 64 * 1024

    let child: ChildProgram
    let deadline: ContinuousClock.Instant

    /// Starts `binary --version`; nil when it cannot be started. A program that is not there (no
    /// kubelet on an image being baked) is not even forked for.
    static func start(_ binary: String, timeout: Duration) -> VersionCommand? {
        guard access(binary, X_OK) == 0,
            let child = ChildProgram.start(
                [binary, "--version"], environment: childEnvironment(), capturingErrors: false)
        else { return nil }
        return VersionCommand(child: child, deadline: ContinuousClock.now.advanced(by: timeout))
    }

    /// What the program printed on standard output; nil when it failed, printed more than
    /// ``outputLimit`` or did not finish by the deadline (then it is killed). Call once.
    func output() async -> String? {
        let result = await DedicatedThread.run { child.finish(until: deadline, outputLimit: Self.outputLimit) }
        guard result.status == 0 else { return nil }
        return String(decoding: result.output, as: UTF8.self)
    }

    /// nodeprep's environment with `GOGC=off`: containerd sets up all its plugins before it looks
    /// at its arguments (kubelet registers its flags and feature gates), and without garbage
    /// collection during that containerd answers about 20% sooner.
    /// It exits right after printing, so the memory is never missed.
    private static func childEnvironment() -> [String] {
        var entries: [String] = []
        var cursor = environ
        while let entry = cursor.pointee {
            if strncmp(entry, "GOGC=", 5) != 0 { entries.append(String(cString: entry)) }
            cursor += 1
        }
        return entries + ["GOGC=off"]
    }
}
