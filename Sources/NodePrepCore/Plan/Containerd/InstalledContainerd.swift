/// The installed containerd's version and how nodeprep learned it.
///
/// The log names the source beside the version, so a surprising config schema can be traced to
/// the option, the binary's Go build information, or what `containerd --version` printed.
public struct InstalledContainerd: Sendable, Hashable, CustomStringConvertible {
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        /// `--containerd-version`.
        case option
        /// The `.go.buildinfo` section of the containerd binary.
        case buildInformation
        /// The output of `containerd --version`.
        case versionCommand

        public var description: String {
            switch self {
            case .option: return "--containerd-version"
            case .buildInformation: return "its build information"
            case .versionCommand: return "`containerd --version`"
            }
        }
    }

    public var version: ContainerdVersion
    public var source: Source

    public init(_ version: ContainerdVersion, from source: Source) {
        self.version = version
        self.source = source
    }

    /// `containerd 1.x (from its build information)`.
    public var description: String { "containerd \(version) (from \(source))" }
}
