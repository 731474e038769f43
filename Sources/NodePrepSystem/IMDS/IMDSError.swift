/// Why an IMDS call failed.
///
/// The description names the request path and the reason, so one log line tells an operator what
/// broke. It never contains the session token: the token is a credential for the instance's
/// metadata, and error text ends up in the journal.
public struct IMDSError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        /// `AWS_EC2_METADATA_DISABLED=true`: the environment says not to contact IMDS at all.
        case disabled
        /// `AWS_EC2_METADATA_SERVICE_ENDPOINT` or `..._ENDPOINT_MODE` holds something unusable.
        case invalidEndpoint(String)
        /// The service answered with a status the call cannot use.
        case httpStatus(Int)
        /// No complete answer within the per-attempt timeout.
        case timedOut(Duration)
        /// The connection could not be made or broke before a complete answer.
        case connectionFailed(String)
        /// The answer announced more bytes than arrived.
        case truncatedBody(expected: Int, received: Int)
        /// The answer's body was longer than the path allows (in bytes).
        case answerTooLarge(limit: Int)
        /// The token answer was empty or held characters a header value cannot carry.
        case malformedToken
        /// A metadata value was missing or not in the expected shape.
        case malformedValue(String)
        /// Every attempt failed and the call's total deadline has passed.
        indirect case deadlineExceeded(attempts: Int, lastError: IMDSError?)
        /// The calling task was cancelled.
        case cancelled
    }

    /// The request path (`/latest/user-data`), never a full URL with credentials.
    public let path: String
    public let reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// Whether another attempt can plausibly succeed: network trouble, throttling (429) and
    /// server errors (5xx) pass; other client errors (4xx) and malformed answers do not.
    public var isRetryable: Bool {
        switch reason {
        case .httpStatus(let status):
            return status == 429 || (500...599).contains(status)
        case .timedOut, .connectionFailed, .truncatedBody:
            return true
        case .disabled, .invalidEndpoint, .malformedToken, .malformedValue, .answerTooLarge, .deadlineExceeded,
            .cancelled:
            return false
        }
    }

    public var description: String {
        "IMDS \(path): \(reasonText)"
    }

    private var reasonText: String {
        switch reason {
        case .disabled:
            return "IMDS is disabled by AWS_EC2_METADATA_DISABLED"
        case .invalidEndpoint(let detail):
            return "invalid endpoint configuration: \(detail)"
        case .httpStatus(let status):
            return "HTTP status \(status)"
        case .timedOut(let timeout):
            return "no answer within \(timeout.logText)"
        case .connectionFailed(let detail):
            return "connection failed: \(detail)"
        case .truncatedBody(let expected, let received):
            return "truncated answer: \(received) of \(expected) announced bytes"
        case .answerTooLarge(let limit):
            return "answer larger than \(limit) bytes"
        case .malformedToken:
            return "malformed session token in the answer"
        case .malformedValue(let detail):
            return "malformed value: \(detail)"
        case .deadlineExceeded(let attempts, let lastError):
            let last = lastError.map { "; last error: \($0)" } ?? ""
            return "gave up after \(attempts) attempt(s), deadline exceeded\(last)"
        case .cancelled:
            return "cancelled"
        }
    }
}
