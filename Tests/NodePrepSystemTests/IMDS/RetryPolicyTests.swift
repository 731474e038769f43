import Testing

@testable import NodePrepSystem

struct RetryPolicyTests {
    let policy = RetryPolicy(
        deadline: .seconds(60), attemptTimeout: .seconds(5), baseBackoff: .milliseconds(100), maxBackoff: .seconds(2))

    @Test func capDoublesFromTheBaseAndStopsAtTheMaximum() {
        let caps = (1...7).map { policy.backoffCap(afterFailures: $0) }
        #expect(
            caps == [
                .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .milliseconds(1600),
                .seconds(2), .seconds(2),
            ])
        #expect(policy.backoffCap(afterFailures: 1000) == .seconds(2))
    }

    @Test func fullJitterSpansZeroToTheCap() {
        #expect(policy.backoff(afterFailures: 3, jitter: 0) == .zero)
        #expect(policy.backoff(afterFailures: 3, jitter: 0.5) == .milliseconds(200))
        #expect(policy.backoff(afterFailures: 3, jitter: 1) == .milliseconds(400))
        #expect(policy.backoff(afterFailures: 3, jitter: 7) == .milliseconds(400))
    }

    @Test func onlyTransientFailuresAreRetryable() {
        let retryable: [IMDSError.Reason] = [
            .httpStatus(429), .httpStatus(500), .httpStatus(503), .timedOut(.seconds(1)),
            .connectionFailed("refused"), .truncatedBody(expected: 10, received: 3),
        ]
        let final: [IMDSError.Reason] = [
            .httpStatus(400), .httpStatus(401), .httpStatus(403), .httpStatus(404), .malformedToken,
            .disabled, .cancelled, .deadlineExceeded(attempts: 3, lastError: nil),
        ]
        #expect(retryable.allSatisfy { IMDSError(path: "/p", reason: $0).isRetryable })
        #expect(final.allSatisfy { !IMDSError(path: "/p", reason: $0).isRetryable })
    }

    @Test(arguments: [
        ("AQAEAKdRR1-x_Q==", true), ("", false), ("   ", false), ("tok en", false), ("tok\u{0}en", false),
        ("tok\nen", false), ("tøken", false),
    ])
    func tokenMustBeVisibleASCII(token: String, valid: Bool) {
        #expect((IMDSClient.validToken(Array(token.utf8)) != nil) == valid)
    }
}
