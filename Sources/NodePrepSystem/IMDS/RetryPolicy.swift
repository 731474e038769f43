/// How long IMDS calls may keep trying, and how they pace their attempts.
///
/// At boot the metadata service can be briefly unreachable (network not up yet) or throttling.
/// All calls of one ``IMDSClient`` share one total `deadline`; inside it, failed attempts are
/// retried with capped exponential backoff and full jitter (a random wait between zero and the
/// cap), so many nodes booting at once do not retry in lock-step. Each attempt is bounded by
/// `attemptTimeout`, so a server that accepts a connection and never answers costs one attempt,
/// not the whole deadline.
public struct RetryPolicy: Sendable, Equatable {
    /// Total time a client's calls may take together, from the first call on, all attempts and
    /// waits included.
    public var deadline: Duration
    /// Longest time one HTTP request may take; the remaining deadline is used when it is shorter.
    public var attemptTimeout: Duration
    /// Upper bound of the wait after the first failure; it doubles after each further failure.
    public var baseBackoff: Duration
    /// The doubling stops here.
    public var maxBackoff: Duration

    public init(
        deadline: Duration = .seconds(60),
        attemptTimeout: Duration = .seconds(5),
        baseBackoff: Duration = .milliseconds(100),
        maxBackoff: Duration = .seconds(2)
    ) {
        self.deadline = deadline
        self.attemptTimeout = attemptTimeout
        self.baseBackoff = baseBackoff
        self.maxBackoff = maxBackoff
    }

    /// The largest wait after `failures` consecutive failures (1 for the first): base · 2^(n-1),
    /// capped at `maxBackoff`.
    func backoffCap(afterFailures failures: Int) -> Duration {
        let doublings = min(max(failures - 1, 0), 30)
        return min(baseBackoff * (1 << doublings), maxBackoff)
    }

    /// The wait after `failures` failures for a jitter value in 0..<1 (full jitter).
    func backoff(afterFailures failures: Int, jitter: Double) -> Duration {
        backoffCap(afterFailures: failures) * min(max(jitter, 0), 1)
    }
}
