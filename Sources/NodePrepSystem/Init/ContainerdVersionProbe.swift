import NodePrepCore

/// The installed containerd's version, learned as early as possible and read when the plan needs it.
///
/// First from the binary's Go build information (``GoBuildInfo``): a few small reads of the file,
/// which tell at least the major version, all the config schema depends on. Only when that says
/// nothing (not a Go binary of containerd's module, or one linked before Go 1.18) is
/// `containerd --version` run. containerd is a Go program that sets up all of its plugins before it
/// prints its version; that takes about 20 ms, as long as the rest of `nodeprep init`, and a child
/// of over 30 MB. Started first, it runs while IMDS answers and the documents are decoded, so the
/// wait is mostly gone by the time the planner asks (``VersionCommand``).
public final class ContainerdVersionProbe: Sendable {
    public static let defaultBinary = "/usr/bin/containerd"
    /// A containerd that has not answered by then is treated as one that gave no version.
    public static let timeout: Duration = .seconds(10)

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
        guard let command = VersionCommand.start(binary, timeout: timeout) else {
            answer = Task { nil }
            return
        }
        answer = Task.detached {
            await command.output().flatMap(ContainerdVersion.init(parsing:)).map {
                InstalledContainerd($0, from: .versionCommand)
            }
        }
    }

    /// The version and where it came from; nil when containerd is not installed, or it had no build
    /// information and its `--version` failed, did not answer within ``timeout``, or said something
    /// unexpected.
    public func version() async -> InstalledContainerd? {
        await answer.value
    }
}
