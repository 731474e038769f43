#if canImport(Glibc)
import Glibc
#endif

/// A notification that a listening service manager did not receive.
public struct ServiceNotificationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The errno libsystemd reported (positive, e.g. `ENOENT` for a missing socket).
    public var errno: Int32
    /// The message that was not delivered.
    public var payload: String

    public init(errno: Int32, payload: String) {
        self.errno = errno
        self.payload = payload
    }

    public var description: String {
        let reason = String(cString: strerror(errno))
        let firstLine = payload.split(separator: "\n").first.map(String.init) ?? ""
        return "could not notify the service manager (\(firstLine)): \(reason)"
    }
}
