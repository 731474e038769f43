import Glibc
import Logging
import NodePrepCore

/// How a failed run is reported: the process exit code, systemd's `ERRNO=`, and the journal fields.
///
/// The one place both numbers are chosen. The exit code says what kind of failure it was (from
/// ``NodePrepError/code``); `ERRNO=` says what the system said, taken from the underlying error when it
/// carries one (a missing source file is `ENOENT`, a refused write keeps the kernel's errno), else a
/// value that fits the code.
extension NodePrepError {
    /// sysexits.h: 65 EX_DATAERR, 69 EX_UNAVAILABLE, 70 EX_SOFTWARE, 73 EX_CANTCREAT, 74 EX_IOERR.
    public var exitCode: Int32 {
        switch code {
        case .invalidConfiguration, .recordMismatch: 65
        case .sourceUnavailable: 69
        case .writeFailed: 73
        case .nodeUnreadable: 74
        case .crashed: 70
        default: 70  // EX_SOFTWARE: a code added without an exit code of its own.
        }
    }

    /// The errno reported to systemd with `ERRNO=`: the underlying error's, else one for the code.
    public var errno: Int32 {
        if let underlying, let known = Self.errno(of: underlying) {
            return known
        }
        switch code {
        case .invalidConfiguration, .recordMismatch: return EINVAL
        case .crashed: return ENOTRECOVERABLE
        default: return EIO
        }
    }

    /// The errno an underlying error stands for, when it stands for one.
    static func errno(of error: any Error) -> Int32? {
        switch error {
        case let error as NodePrepError:
            return error.errno
        case let error as SourceLoader.Failure:
            return error.errno
        case let error as NodeFileError:
            return error.errno
        case let error as IMDSError:
            return error.errno
        default:
            return nil
        }
    }

    /// The journal fields of the run's last entry: `NODEPREP_CODE`, `NODEPREP_ERRNO`,
    /// `NODEPREP_EXIT_STATUS`, and where it happened (`NODEPREP_PATH` or `NODEPREP_IMDS_PATH`).
    public var logMetadata: Logger.Metadata {
        var metadata: Logger.Metadata = [
            "code": "\(code)", "errno": "\(errno)", "exit-status": "\(exitCode)",
        ]
        switch location {
        case .file(let path): metadata["path"] = "\(path)"
        case .imds(let path): metadata["imds-path"] = "\(path)"
        case nil: break
        }
        return metadata
    }
}

extension NodeFileError {
    /// A failed syscall keeps its errno; the safety refusals report what the kernel would have.
    var errno: Int32 {
        switch reason {
        case .system(_, let code): code
        case .symlink: ELOOP
        case .notADirectory: ENOTDIR
        case .notARegularFile: EISDIR
        case .invalidPath: EINVAL
        case .backupConflict: EEXIST
        }
    }
}

extension IMDSError {
    /// Network trouble as the network would report it: a connection that could not be made is
    /// `EHOSTUNREACH`, no answer in time `ETIMEDOUT`, a garbled answer `EBADMSG`.
    var errno: Int32 {
        switch reason {
        case .deadlineExceeded(_, let lastError): lastError?.errno ?? ETIMEDOUT
        case .connectionFailed: EHOSTUNREACH
        case .timedOut: ETIMEDOUT
        case .httpStatus, .truncatedBody, .malformedToken, .malformedValue: EBADMSG
        case .answerTooLarge: EFBIG
        case .invalidEndpoint: EINVAL
        case .disabled: ENETUNREACH
        case .cancelled: ECANCELED
        }
    }
}
