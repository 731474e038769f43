import Foundation
import Testing

@testable import NodePrepSystem

struct IMDSEndpointTests {
    @Test func defaultsToTheIPv4LinkLocalAddress() throws {
        let endpoint = try IMDSEndpoint(environment: [:])
        #expect(endpoint.mode == .ipv4)
        #expect(endpoint.url(for: "/latest/user-data").absoluteString == "http://169.254.169.254/latest/user-data")
    }

    @Test(arguments: ["IPv6", "ipv6", "IPV6"])
    func ipv6ModeUsesTheIPv6Address(mode: String) throws {
        let endpoint = try IMDSEndpoint(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": mode])
        #expect(endpoint.mode == .ipv6)
        #expect(endpoint.url(for: "/latest/api/token").absoluteString == "http://[fd00:ec2::254]/latest/api/token")
        #expect(endpoint.url(for: "/latest/api/token").host == "fd00:ec2::254")
    }

    @Test func explicitEndpointWinsOverTheMode() throws {
        let endpoint = try IMDSEndpoint(environment: [
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://[::1]:8080/",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "IPv6",
        ])
        #expect(endpoint.mode == .ipv6)
        #expect(endpoint.url(for: "/latest/user-data").absoluteString == "http://[::1]:8080/latest/user-data")
    }

    @Test(arguments: ["true", "TRUE", "True"])
    func disabledEnvironmentIsAClearError(value: String) {
        #expect(throws: IMDSError(path: "/", reason: .disabled)) {
            try IMDSEndpoint(environment: [
                "AWS_EC2_METADATA_DISABLED": value, "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://x",
            ])
        }
    }

    @Test func disabledFalseKeepsIMDS() throws {
        #expect(try IMDSEndpoint(environment: ["AWS_EC2_METADATA_DISABLED": "false"]).mode == .ipv4)
    }

    @Test(arguments: ["IPv5", "ip v4", "dualstack"])
    func unknownModeIsRejected(mode: String) {
        let error = #expect(throws: IMDSError.self) {
            try IMDSEndpoint(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": mode])
        }
        #expect(error?.description.contains("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=\(mode)") == true)
    }

    @Test(arguments: [
        "169.254.169.254", "ftp://169.254.169.254", "http://", "http://host/latest", "http://h?x=1",
        "https://169.254.169.254",
    ])
    func unusableEndpointIsRejected(value: String) {
        let error = #expect(throws: IMDSError.self) {
            try IMDSEndpoint(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": value])
        }
        guard case .invalidEndpoint? = error?.reason else {
            Issue.record("expected invalidEndpoint, got \(String(describing: error))")
            return
        }
    }
}
