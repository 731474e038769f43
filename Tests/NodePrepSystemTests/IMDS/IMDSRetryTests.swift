import Foundation
import NodePrepSystem
import Testing

extension IMDSLiveTests {
    /// Faults the client must ride out (or give up on) within its deadline.
    @Suite struct Retries {
        let userData = Array("retried user data".utf8)

        @Test(arguments: [503, 429])
        func retriesThrottlingAndServerErrors(status: Int) async throws {
            let server = try IMDSTestServer(
                userData: userData, options: ["--fail-count", "3", "--fail-status", "\(status)"])
            let recorder = RetryRecorder()
            let client = try IMDSLiveTests.client(for: server, recorder: recorder)

            #expect(try await client.userData() == userData)
            #expect(recorder.recorded.map(\.attempt) == [1, 2, 3])
            #expect(recorder.recorded.allSatisfy { $0.error.reason == .httpStatus(status) })
            #expect(
                try server.requestLog() == Array(repeating: "PUT /latest/api/token \(status)", count: 3) + [
                    "PUT /latest/api/token 200", "GET /latest/user-data 200",
                ])
        }

        @Test func retriesServerErrorsOnTheMetadataRequest() async throws {
            // Request 1 (the token) succeeds; requests 2 and 3 (the GET and its retry) get 500.
            let server = try IMDSTestServer(
                userData: userData, options: ["--fail-from", "2", "--fail-count", "2", "--fail-status", "500"])
            let client = try IMDSLiveTests.client(for: server)

            #expect(try await client.userData() == userData)
            #expect(await client.requestCounts == IMDSRequestCounts(tokenRequests: 1, metadataRequests: 3))
            #expect(
                try server.requestLog() == [
                    "PUT /latest/api/token 200",
                    "GET /latest/user-data 500", "GET /latest/user-data 500", "GET /latest/user-data 200",
                ])
        }

        @Test func serverThatNeverAnswersCostsOneAttemptTimeout() async throws {
            let server = try IMDSTestServer(userData: userData, options: ["--hang-first", "1"])
            let recorder = RetryRecorder()
            let policy = RetryPolicy(
                deadline: .seconds(5), attemptTimeout: .milliseconds(400), baseBackoff: .milliseconds(10),
                maxBackoff: .milliseconds(50))
            let client = try IMDSLiveTests.client(for: server, policy: policy, recorder: recorder)

            let started = ContinuousClock.now
            let fetched = try await client.userData()
            let elapsed = ContinuousClock.now - started

            #expect(fetched == userData)
            #expect(elapsed >= .milliseconds(400))
            #expect(elapsed < .seconds(2))
            #expect(
                recorder.recorded.map(\.error) == [
                    IMDSError(path: "/latest/api/token", reason: .timedOut(.milliseconds(400)))
                ])
            let logLine = recorder.recorded.first?.description ?? ""
            #expect(
                logLine.hasPrefix(
                    "IMDS /latest/user-data: attempt 1 failed (IMDS /latest/api/token: no answer within 400 ms); retrying in "
                ))
            #expect(logLine.hasSuffix(" ms left"))
        }

        @Test(arguments: [
            ["--fail-count", "100000", "--fail-status", "503"],
            ["--hang-first", "100000"],
        ])
        func givesUpAtTheDeadline(faults: [String]) async throws {
            let server = try IMDSTestServer(userData: userData, options: faults)
            let policy = RetryPolicy(
                deadline: .milliseconds(1500), attemptTimeout: .milliseconds(400), baseBackoff: .milliseconds(50),
                maxBackoff: .milliseconds(200))
            let client = try IMDSLiveTests.client(for: server, policy: policy)

            let started = ContinuousClock.now
            let error = await #expect(throws: IMDSError.self) { try await client.userData() }
            let elapsed = ContinuousClock.now - started

            #expect(elapsed >= .milliseconds(1400))
            #expect(elapsed < .milliseconds(2300))
            guard case .deadlineExceeded(let attempts, let lastError)? = error?.reason else {
                Issue.record("expected deadlineExceeded, got \(String(describing: error))")
                return
            }
            #expect(attempts >= 2)
            #expect(lastError?.isRetryable == true)
            #expect(error?.path == "/latest/user-data")
            #expect(error?.description.contains("deadline exceeded") == true)
        }

        /// User data takes most of the deadline (the port refuses for a second); the node address
        /// then meets a 503 storm and must give up when the shared deadline ends, not a whole
        /// deadline later.
        @Test func callsShareOneDeadline() async throws {
            let server = try IMDSTestServer(
                userData: userData, options: ["--refuse-for", "1", "--fail-from", "3", "--fail-count", "100000"])
            let policy = RetryPolicy(
                deadline: .milliseconds(1800), attemptTimeout: .milliseconds(400), baseBackoff: .milliseconds(20),
                maxBackoff: .milliseconds(100))
            let client = try IMDSLiveTests.client(for: server, policy: policy)

            let started = ContinuousClock.now
            #expect(try await client.userData() == userData)
            let afterUserData = ContinuousClock.now - started
            let error = await #expect(throws: IMDSError.self) { try await client.nodeAddress(ipv6: false) }
            let elapsed = ContinuousClock.now - started

            #expect(afterUserData >= .milliseconds(900))
            #expect(elapsed >= .milliseconds(1700))
            #expect(elapsed < .milliseconds(2500), "one deadline for both calls, not one each")
            #expect(error?.path == "/latest/meta-data/local-ipv4")
            guard case .deadlineExceeded(_, let lastError)? = error?.reason else {
                Issue.record("expected deadlineExceeded, got \(String(describing: error))")
                return
            }
            // The last attempt may have had only a sliver of the deadline left and timed out.
            #expect(lastError?.isRetryable == true)
            #expect(try server.requestLog().contains("GET /latest/meta-data/local-ipv4 503"))
        }

        @Test func truncatedAnswerIsRetried() async throws {
            let server = try IMDSTestServer(userData: userData, options: ["--truncate-first", "1"])
            let recorder = RetryRecorder()
            let client = try IMDSLiveTests.client(for: server, recorder: recorder)

            #expect(try await client.userData() == userData)
            #expect(recorder.recorded.count == 1)
            #expect(recorder.recorded.first?.error.path == "/latest/user-data")
            #expect(
                try server.requestLog() == [
                    "PUT /latest/api/token 200", "GET /latest/user-data 200", "GET /latest/user-data 200",
                ])
        }

        @Test func refusedConnectionsAreRetriedUntilTheServerListens() async throws {
            let server = try IMDSTestServer(userData: userData, options: ["--refuse-for", "1"])
            let recorder = RetryRecorder()
            let client = try IMDSLiveTests.client(for: server, recorder: recorder)

            let started = ContinuousClock.now
            #expect(try await client.userData() == userData)
            #expect(ContinuousClock.now - started >= .milliseconds(900))
            #expect(recorder.recorded.count >= 2)
            #expect(
                recorder.recorded.allSatisfy {
                    if case .connectionFailed = $0.error.reason { return true }
                    return false
                })
            #expect(try server.requestLog() == ["PUT /latest/api/token 200", "GET /latest/user-data 200"])
        }

        @Test func errorsAndRetryEventsNeverContainTheToken() async throws {
            let token = "SECRET-token-value-42"
            // The token is issued, then every GET breaks off mid-body until the deadline.
            let server = try IMDSTestServer(
                userData: userData, options: ["--fixed-token", token, "--truncate-first", "100000"])
            let recorder = RetryRecorder()
            let policy = RetryPolicy(
                deadline: .milliseconds(600), attemptTimeout: .milliseconds(300), baseBackoff: .milliseconds(20),
                maxBackoff: .milliseconds(50))
            let client = try IMDSLiveTests.client(for: server, policy: policy, recorder: recorder)

            let error = await #expect(throws: IMDSError.self) { try await client.userData() }
            let texts = [String(describing: error)] + recorder.recorded.map(\.description)
            #expect(recorder.recorded.count >= 1)
            #expect(try server.requestLog().first == "PUT /latest/api/token 200")
            #expect(!texts.contains { $0.contains(token) })
        }
    }
}
