/// The version of a program nodeprep's plan depends on (containerd, kubelet), with the kinds of
/// place it can be learned from.
public protocol ProgramVersion: Sendable, Hashable, CustomStringConvertible {
    associatedtype Source: Sendable, Hashable, CustomStringConvertible
    /// The program's name in log lines: `containerd`.
    static var program: String { get }
}

/// An installed program's version and how nodeprep learned it.
///
/// The log names the source beside the version, so a surprising config schema or template setting
/// can be traced to an option, a file, the binary's Go build information, or what the program
/// printed for `--version`.
public struct InstalledVersion<Version: ProgramVersion>: Sendable, Hashable, CustomStringConvertible {
    public var version: Version
    public var source: Version.Source

    public init(_ version: Version, from source: Version.Source) {
        self.version = version
        self.source = source
    }

    /// `containerd 1.x (from its build information)`.
    public var description: String { "\(Version.program) \(version) (from \(source))" }
}

public typealias InstalledContainerd = InstalledVersion<ContainerdVersion>

extension ContainerdVersion: ProgramVersion {
    public static let program = "containerd"

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
}
