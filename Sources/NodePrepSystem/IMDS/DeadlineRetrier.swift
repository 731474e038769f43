/// Runs an operation until it succeeds, fails for good, or the deadline passes.
///
/// Only errors whose ``IMDSError/isRetryable`` is true are retried. Between attempts it waits a
/// full-jitter backoff from ``RetryPolicy``, never past the deadline, and reports each retry so
/// the caller can keep systemd and the operator informed.
struct DeadlineRetrier {
    let policy: RetryPolicy
    let onRetry: (@Sendable (IMDSRetryEvent) -> Void)?
    let clock = ContinuousClock()

    /// The instant a call started now must be finished by.
    func deadlineFromNow() -> ContinuousClock.Instant {
        clock.now.advanced(by: policy.deadline)
    }

    /// Time one request may take now: the attempt timeout, or less when the deadline is closer.
    func attemptTimeout(until deadline: ContinuousClock.Instant) -> Duration {
        min(policy.attemptTimeout, max(clock.now.duration(to: deadline), .zero))
    }

    /// Calls `attempt` repeatedly; `path` names the call in the deadline error and retry events.
    func run<T>(
        path: String,
        until deadline: ContinuousClock.Instant,
        isolation: isolated (any Actor)? = #isolation,
        _ attempt: () async throws(IMDSError) -> T
    ) async throws(IMDSError) -> T {
        var failures = 0
        var lastError: IMDSError?
        while clock.now < deadline {
            do {
                return try await attempt()
            } catch {
                guard error.isRetryable else { throw error }
                failures += 1
                lastError = error
                let remaining = clock.now.duration(to: deadline)
                guard remaining > .zero else { break }
                let delay = min(policy.backoff(afterFailures: failures, jitter: .random(in: 0..<1)), remaining)
                onRetry?(
                    IMDSRetryEvent(path: path, attempt: failures, error: error, delay: delay, remaining: remaining))
                do {
                    try await clock.sleep(for: delay)
                } catch {
                    throw IMDSError(path: path, reason: .cancelled)
                }
            }
        }
        throw IMDSError(path: path, reason: .deadlineExceeded(attempts: failures, lastError: lastError))
    }
}
