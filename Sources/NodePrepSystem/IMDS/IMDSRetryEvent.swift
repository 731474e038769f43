/// Reported after each failed attempt that will be retried.
///
/// A boot service that waits on IMDS must tell systemd it is still alive (EXTEND_TIMEOUT_USEC)
/// and tell the operator why it is waiting; this event carries what both need.
public struct IMDSRetryEvent: Sendable, CustomStringConvertible {
    /// The path the call was fetching.
    public let path: String
    /// How many attempts have failed so far (1 after the first failure).
    public let attempt: Int
    /// What the last attempt failed with.
    public let error: IMDSError
    /// How long the client waits before the next attempt.
    public let delay: Duration
    /// Time left before the call's deadline.
    public let remaining: Duration

    public var description: String {
        "IMDS \(path): attempt \(attempt) failed (\(error)); retrying in \(delay.logText), \(remaining.logText) left"
    }
}
