import Foundation
import NodePrepSystem
import Testing

extension IMDSLiveTests {
    /// What the client must not take from, or leave in, the process around it.
    @Suite struct ProcessIsolation {
        @Test func proxyVariablesAreIgnored() async throws {
            let userData = Array("direct".utf8)
            let server = try IMDSTestServer(userData: userData)
            // A live server as the proxy: any request libcurl sent through it would be logged.
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
    }
}
