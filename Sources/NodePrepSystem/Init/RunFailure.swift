import NodePrepCore

/// Why a nodeprep command stopped. Each case has its own exit code, so a script or systemd can tell a
/// bad configuration (fix the user data) from an unreachable IMDS (look at the network).
public enum RunFailure: Error, Sendable, CustomStringConvertible {
    /// The configuration was read but is not acceptable.
    case invalidConfiguration([Diagnostic])
    /// A source (IMDS, a file) could not be read.
    case sourceUnavailable(String)
    /// The node's current state could not be read (a symlinked folder, an unreadable file).
    case nodeUnreadable(String)
    /// A file could not be written.
    case writeFailed(String)
    /// `clean`: the node's files differ from nodeprep's record, so undoing could destroy someone
    /// else's work.
    case recordMismatch([String])

    /// sysexits.h values: 65 EX_DATAERR, 69 EX_UNAVAILABLE, 74 EX_IOERR, 73 EX_CANTCREAT.
    public var exitCode: Int32 {
        switch self {
        case .invalidConfiguration: return 65
        case .sourceUnavailable: return 69
        case .nodeUnreadable: return 74
        case .writeFailed: return 73
        case .recordMismatch: return 65
        }
    }

    /// The errno reported to systemd with `ERRNO=`.
    public var errno: Int32 {
        switch self {
        case .invalidConfiguration: return 22  // EINVAL
        case .sourceUnavailable: return 113  // EHOSTUNREACH
        case .nodeUnreadable: return 5  // EIO
        case .writeFailed: return 5  // EIO
        case .recordMismatch: return 22  // EINVAL
        }
    }

    public var description: String {
        switch self {
        case .invalidConfiguration(let diagnostics): return ConfigurationError(diagnostics: diagnostics).description
        case .sourceUnavailable(let reason): return "cannot read configuration: \(reason)"
        case .nodeUnreadable(let reason): return "cannot read the node's current files: \(reason)"
        case .writeFailed(let reason): return "cannot write: \(reason)"
        case .recordMismatch(let differences):
            return "the node differs from nodeprep's record, nothing changed (--force cleans anyway): "
                + differences.joined(separator: "; ")
        }
    }
}
