import Foundation
import NodePrepSystem
import Testing

/// IMDS client tests against the real local server (`Support/imds_server.py`).
///
/// Serialized because one test sets proxy variables in the process environment, which an HTTP
/// library honouring them would apply to every client in this process.
@Suite(.serialized)
struct IMDSLiveTests {
    /// Every test here ends with an answer or an error that is not retried, so the deadline is
    /// never waited out; it only has to outlast a slow moment of a loaded 2-core machine (a new
    /// URLSession built while the rest of the suite compiles Go programs and runs containerd
    /// took the whole of an earlier 5 s deadline).
    static let fastPolicy = RetryPolicy(
        deadline: .seconds(30), attemptTimeout: .seconds(5), baseBackoff: .milliseconds(20),
        maxBackoff: .milliseconds(200))

    /// Bytes no text decoding would survive: NUL, a gzip header, invalid UTF-8, CRLF.
    static let binaryUserData: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0xFF, 0xFE, 0x0D, 0x0A] + Array("#!/bin/sh\n".utf8)

    static func client(
        for server: IMDSTestServer, policy: RetryPolicy = fastPolicy, recorder: RetryRecorder? = nil
    ) throws -> IMDSClient {
        IMDSClient(
            endpoint: try IMDSEndpoint(environment: server.environment), retryPolicy: policy, onRetry: recorder?.handler
        )
    }

    @Test func fetchesUserDataAndAddressWithOneToken() async throws {
        let server = try IMDSTestServer(userData: Self.binaryUserData, options: ["--local-ipv4", "10.1.2.3"])
        let client = try Self.client(for: server)

        let userData = try await client.userData()
        let address = try await client.nodeAddress(ipv6: false)

        #expect(userData == Self.binaryUserData)
        #expect(address == "10.1.2.3")
        #expect(await client.requestCounts == IMDSRequestCounts(tokenRequests: 1, metadataRequests: 2))
        #expect(
            try server.requestLog() == [
                "PUT /latest/api/token 200",
                "GET /latest/user-data 200",
                "GET /latest/meta-data/local-ipv4 200",
            ])
    }

    @Test func fetchesIPv6AddressOfPrimaryInterface() async throws {
        let server = try IMDSTestServer(options: [
            "--mac", "0a:1b:2c:3d:4e:5f", "--ipv6s", "2001:db8::10,2001:db8::11",
        ])
        let client = try Self.client(for: server)

        #expect(try await client.nodeAddress(ipv6: true) == "2001:db8::10")
        #expect(
            try server.requestLog() == [
                "PUT /latest/api/token 200",
                "GET /latest/meta-data/mac 200",
                "GET /latest/meta-data/network/interfaces/macs/0a:1b:2c:3d:4e:5f/ipv6s 200",
            ])
    }

    @Test func missingUserDataIsNilWithoutRetries() async throws {
        let server = try IMDSTestServer(userData: nil)
        let client = try Self.client(for: server)

        #expect(try await client.userData() == nil)
        #expect(try server.requestLog() == ["PUT /latest/api/token 200", "GET /latest/user-data 404"])
    }

    @Test func missingIPv6AddressIsAnError() async throws {
        let server = try IMDSTestServer(options: ["--ipv6s", ""])
        let client = try Self.client(for: server)

        let error = await #expect(throws: IMDSError.self) { try await client.nodeAddress(ipv6: true) }
        #expect(error?.reason == .httpStatus(404))
        #expect(error?.path.hasSuffix("/ipv6s") == true)
    }

    @Test func expiredTokenIsRenewedOnceAndTheRequestRepeated() async throws {
        // Tokens are forgotten after request 2 (the user-data GET), as after an instance restart.
        let server = try IMDSTestServer(userData: Array("data".utf8), options: ["--invalidate-tokens-after", "2"])
        let client = try Self.client(for: server)

        #expect(try await client.userData() == Array("data".utf8))
        #expect(try await client.nodeAddress(ipv6: false) == "10.0.0.1")
        #expect(await client.requestCounts == IMDSRequestCounts(tokenRequests: 2, metadataRequests: 3))
        #expect(
            try server.requestLog() == [
                "PUT /latest/api/token 200",
                "GET /latest/user-data 200",
                "GET /latest/meta-data/local-ipv4 401",
                "PUT /latest/api/token 200",
                "GET /latest/meta-data/local-ipv4 200",
            ])
    }

    @Test func tokenRejectedTwiceIsAClearError() async throws {
        let server = try IMDSTestServer(userData: [1], options: ["--reject-tokens"])
        let client = try Self.client(for: server)

        let error = await #expect(throws: IMDSError.self) { try await client.userData() }
        #expect(error == IMDSError(path: "/latest/user-data", reason: .httpStatus(401)))
        #expect(await client.requestCounts == IMDSRequestCounts(tokenRequests: 2, metadataRequests: 2))
    }

    @Test(arguments: ["empty", "blank", "binary"])
    func malformedTokenAnswerFailsWithoutRetry(kind: String) async throws {
        let server = try IMDSTestServer(userData: [1], options: ["--malformed-token", kind])
        let client = try Self.client(for: server)

        let error = await #expect(throws: IMDSError.self) { try await client.userData() }
        #expect(error == IMDSError(path: "/latest/api/token", reason: .malformedToken))
        #expect(try server.requestLog() == ["PUT /latest/api/token 200"])
    }

    @Test func clientErrorStatusFailsWithoutRetry() async throws {
        let server = try IMDSTestServer(userData: [1], options: ["--fail-count", "1", "--fail-status", "403"])
        let recorder = RetryRecorder()
        let client = try Self.client(for: server, recorder: recorder)

        let error = await #expect(throws: IMDSError.self) { try await client.userData() }
        #expect(error == IMDSError(path: "/latest/api/token", reason: .httpStatus(403)))
        #expect(error?.description == "IMDS /latest/api/token: HTTP status 403")
        #expect(recorder.recorded.isEmpty)
        #expect(try server.requestLog() == ["PUT /latest/api/token 403"])
    }
}
