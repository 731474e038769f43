import Glibc

/// Small wrappers that turn `-1 / errno` into ``NodeFileError`` and retry on EINTR.
enum Syscall {
    /// Runs `call` again while it fails with EINTR; returns its result (errno set on -1).
    static func retryingInterrupts<T: BinaryInteger>(_ call: () -> T) -> T {
        while true {
            let result = call()
            if result == -1 && errno == EINTR { continue }
            return result
        }
    }

    /// Runs `call` (retrying EINTR) and throws a ``NodeFileError`` naming `path` when it fails.
    @discardableResult
    static func check<T: BinaryInteger>(_ operation: String, path: NodePath, _ call: () -> T) throws(NodeFileError)
        -> T
    {
        let result = retryingInterrupts(call)
        guard result != -1 else { throw error(operation, path: path) }
        return result
    }

    /// The error for the current errno.
    static func error(_ operation: String, path: NodePath, errno code: Int32 = errno) -> NodeFileError {
        NodeFileError(path: path.description, reason: .system(operation: operation, errno: code))
    }
}
