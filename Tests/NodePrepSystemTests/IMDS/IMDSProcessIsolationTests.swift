import Foundation
import NodePrepSystem
import Testing

extension IMDSLiveTests {
    /// What the client must not take from, or leave in, the process around it.
    @Suite struct ProcessIsolation {
        @Test func proxyVariablesAreIgnored() async throws {
            let userData = Array("direct".utf8)
            let server = try IMDSTestServer(userData: userData)
            // A live server as the proxy: any request sent through it would be logged.
            let proxy = try IMDSTestServer()
            let names = ["http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
            let saved = names.map { ($0, ProcessInfo.processInfo.environment[$0]) }
            defer {
                for (name, value) in saved {
                    if let value { setenv(name, value, 1) } else { unsetenv(name) }
                }
            }
            for name in names { setenv(name, "http://127.0.0.1:\(proxy.port)", 1) }

            let client = try IMDSLiveTests.client(for: server)

            #expect(try await client.userData() == userData)
            #expect(try proxy.requestLog() == [])
            #expect(try server.requestLog() == ["PUT /latest/api/token 200", "GET /latest/user-data 200"])
        }

        /// Set only in the child process that `homeStaysUntouched` starts.
        static let homeProbeVariable = "NODEPREP_TEST_HOME_PROBE"

        /// Foundation's URLSession, which nodeprep must not come to use again, creates cache and
        /// cookie folders once per process, so only a fresh process shows whether HOME is touched: this test
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
            // No HOME created, and the client's scratch folder (and the server's) were removed.
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
            child.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
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
