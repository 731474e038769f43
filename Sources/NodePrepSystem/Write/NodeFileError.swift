import Glibc

/// Why a filesystem step failed, naming the node path (as in the plan, without `--root`).
///
/// Refusals (a symlink where a folder or file was expected, a path with `..`) get their own
/// reasons because they are the safety rules doing their job, not an I/O accident; everything
/// else carries the failing syscall and its errno.
public struct NodeFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        /// The path is not absolute, or has an empty, `.` or `..` component.
        case invalidPath(String)
        /// A symlink sits where a folder or the target file was expected; it is never followed.
        case symlink
        /// A folder was expected.
        case notADirectory
        /// A regular file was expected (for reading, or as the target of a write).
        case notARegularFile
        /// A backup would overwrite an entry already in the staging folder.
        case backupConflict(String)
        /// A syscall failed.
        case system(operation: String, errno: Int32)
    }

    /// The node path the failure is about; for a refused symlink, the symlink itself.
    public let path: String
    public let reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .invalidPath(let detail):
            return "\(path): invalid node path: \(detail)"
        case .symlink:
            return "\(path): is a symlink; refusing to follow it"
        case .notADirectory:
            return "\(path): is not a folder"
        case .notARegularFile:
            return "\(path): is not a regular file"
        case .backupConflict(let name):
            return "\(path): backup staging already holds an entry named \(name)"
        case .system(let operation, let code):
            return "\(path): \(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
        }
    }
}
