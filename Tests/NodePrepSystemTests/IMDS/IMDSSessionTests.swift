import Foundation
import NodePrepSystem
import Testing

extension IMDSLiveTests {
    /// What the URLSession under the client must do, and what it would do on its own and must not:
    /// use a proxy, create folders under HOME, follow redirects, collect answers of any size.
    @Suite struct Session {
        /// libcurl honours `http_proxy`, `all_proxy` and `ALL_PROXY` (each alone is enough); the
        /// session removes them all before it exists.
        @Test(arguments: ["http_proxy", "all_proxy", "ALL_PROXY", "HTTP_PROXY"])
        func proxyVariablesAreIgnored(variable: String) async throws {
            let userData = Array("direct".utf8)
            let server = try IMDSTestServer(userData: userData)
            // A live server as the proxy: any request sent through it would be logged.
            let proxy = try IMDSTestServer()
            let saved = ProcessInfo.processInfo.environment[variable]
            defer {
                if let saved { setenv(variable, saved, 1) } else { unsetenv(variable) }
            }
            setenv(variable, "http://127.0.0.1:\(proxy.port)", 1)

            let client = try IMDSLiveTests.client(for: server)

            #expect(try await client.userData() == userData)
            #expect(try proxy.requestLog() == [])
            #expect(try server.requestLog() == ["PUT /latest/api/token 200", "GET /latest/user-data 200"])
        }

        /// A redirect could take the session token to another host: the 307 is the answer, the
        /// target never sees a request, and nothing is retried.
        @Test func redirectsAreNotFollowed() async throws {
            let elsewhere = try IMDSTestServer(userData: [1])
            let server = try IMDSTestServer(
                userData: [2], options: ["--redirect-to", "http://127.0.0.1:\(elsewhere.port)/latest/user-data"])
            let recorder = RetryRecorder()
            let client = try IMDSLiveTests.client(for: server, recorder: recorder)

            let error = await #expect(throws: IMDSError.self) { try await client.userData() }
            #expect(error == IMDSError(path: "/latest/user-data", reason: .httpStatus(307)))
            #expect(recorder.recorded.isEmpty)
            #expect(try elsewhere.requestLog() == [])
            #expect(try server.requestLog() == ["PUT /latest/api/token 200", "GET /latest/user-data 307"])
        }

        @Test func userDataOfExactlyOneMebibyteIsAccepted() async throws {
            let server = try IMDSTestServer(options: ["--user-data-size", "1048576"])
            let client = try IMDSLiveTests.client(for: server)

            #expect(try await client.userData()?.count == 1_048_576)
        }

        @Test func userDataOverOneMebibyteIsRefusedWithoutRetry() async throws {
            let server = try IMDSTestServer(options: ["--user-data-size", "1048577"])
            let recorder = RetryRecorder()
            let client = try IMDSLiveTests.client(for: server, recorder: recorder)

            let error = await #expect(throws: IMDSError.self) { try await client.userData() }
            #expect(error == IMDSError(path: "/latest/user-data", reason: .answerTooLarge(limit: 1_048_576)))
            #expect(error?.description == "IMDS /latest/user-data: answer larger than 1048576 bytes")
            #expect(recorder.recorded.isEmpty)
            #expect(try server.requestLog().filter { $0.hasPrefix("GET") }.count == 1)
        }

        /// A 256 MiB answer fails at the limit instead of being collected whole (the request is
        /// cancelled once its body passes 1 MiB), and is not asked for again.
        @Test func hugeAnswerIsCutOffAtTheLimit() async throws {
            let server = try IMDSTestServer(options: ["--user-data-size", "\(256 << 20)"])
            let client = try IMDSLiveTests.client(for: server)

            let error = await #expect(throws: IMDSError.self) { try await client.userData() }
            #expect(error?.reason == .answerTooLarge(limit: 1_048_576))
            #expect(try server.requestLog().prefix(2) == ["PUT /latest/api/token 200", "GET /latest/user-data 200"])
            #expect(try server.requestLog().filter { $0.hasPrefix("GET /latest/user-data 200") }.count == 1)
        }

        @Test func metadataValueOverAFewKibibytesIsRefused() async throws {
            let server = try IMDSTestServer(options: ["--local-ipv4", String(repeating: "1", count: 4097)])
            let client = try IMDSLiveTests.client(for: server)

            let error = await #expect(throws: IMDSError.self) { try await client.nodeAddress(ipv6: false) }
            #expect(error == IMDSError(path: "/latest/meta-data/local-ipv4", reason: .answerTooLarge(limit: 4096)))
        }

        /// Set only in the child process that `homeStaysUntouched` starts.
        static let homeProbeVariable = "NODEPREP_TEST_HOME_PROBE"

        /// URLSession creates its shared cache and cookie folders once per process, under HOME
        /// unless redirected, so only a fresh process shows whether HOME is touched: this test
        /// starts the test binary again, running just `homeProbeChild`, with HOME pointing at a
        /// folder that does not exist and TMPDIR at an empty one.
        @Test(.enabled(if: ProcessInfo.processInfo.environment[homeProbeVariable] == nil), .timeLimit(.minutes(1)))
        func homeStaysUntouched() throws {
            let folder = try TemporaryFolder()
            try FileManager.default.createDirectory(atPath: folder.path("tmp"), withIntermediateDirectories: false)
            var environment = ProcessInfo.processInfo.environment
            environment["HOME"] = folder.path("home")
            environment["TMPDIR"] = folder.path("tmp")
            environment["XDG_CACHE_HOME"] = nil
            environment["XDG_DATA_HOME"] = nil
            environment[Self.homeProbeVariable] = "1"

            let (status, output) = try Self.runTestBinary(filter: "homeProbeChild", environment: environment)

            #expect(status == 0, "child output:\n\(output)")
            #expect(output.contains("homeProbeChild() passed"), "child output:\n\(output)")
            // No HOME created, nothing left in TMPDIR but the test server's own folder, removed.
            #expect(try folder.contents() == ["tmp"])
        }

        @Test(.enabled(if: ProcessInfo.processInfo.environment[homeProbeVariable] != nil))
        func homeProbeChild() async throws {
            let server = try IMDSTestServer(userData: [7, 7])
            let client = try IMDSLiveTests.client(for: server)
            #expect(try await client.userData() == [7, 7])
            #expect(try await client.nodeAddress(ipv6: false) == "10.0.0.1")
        }

        private static func runTestBinary(filter: String, environment: [String: String]) throws -> (Int32, String) {
            let child = Process()
            child.executableURL = URL(
                fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            child.arguments = ["--filter", filter, "--testing-library", "swift-testing"]
            child.environment = environment
            let output = Pipe()
            child.standardOutput = output
            child.standardError = output
            try child.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            child.waitUntilExit()
            return (child.terminationStatus, text)
        }
    }
}
