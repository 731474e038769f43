import Foundation
import Testing

@testable import NodePrepSystem

/// `nodeprep init` (the built binary) against an IMDS on loopback that misbehaves in each way the
/// client is built to survive. Every run ends in success after retries, or in exit 69 with a
/// message naming the IMDS path and the reason, inside `--imds-deadline` plus a little; a failed
/// run writes nothing at all.
///
/// Serialized: each test starts a server and the binary, and a dozen of them at once on a small
/// machine slow every other test's servers and daemons down past their own time limits.
@Suite(.serialized) struct InitIMDSFaultTests {
    static let nodeAddress = "10.77.0.9"
    static let userData = KarpenterStyleUserData.servedByIMDS
    /// Start-up of a debug binary on a busy machine, on top of the deadline.
    static let slack: Duration = .milliseconds(1500)

    static let goodRequests = [
        "PUT /latest/api/token 200", "GET /latest/user-data 200", "GET /latest/meta-data/local-ipv4 200",
    ]

    struct Run: Sendable {
        let result: NodePrepBinary.Result
        let elapsed: Duration
        let root: TemporaryFolder
        let requests: [String]

        /// The files written, relative to the root.
        func files() throws -> [String] {
            try root.contents().filter { path in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: root.path(path), isDirectory: &isFolder)
                    && !isFolder.boolValue
            }
        }

        func expectSuccess(sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
            let hosts = FileInspection.bytes(root.path("etc/containerd/certs.d/docker.io/hosts.toml"))
            #expect(
                hosts.map { String(decoding: $0, as: UTF8.self) }?.contains("http://\(nodeAddress):30020") == true,
                sourceLocation: sourceLocation)
            #expect(try files().filter { $0.contains(".nodeprep-") }.isEmpty, sourceLocation: sourceLocation)
        }

        func expectFailure(naming path: String, reason: String, sourceLocation: SourceLocation = #_sourceLocation)
            throws
        {
            #expect(result.status == 69, "\(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stderr.contains("IMDS \(path)"), "\(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stderr.contains(reason), "\(result.stderr)", sourceLocation: sourceLocation)
            #expect(try root.contents().isEmpty, "a failed run wrote something", sourceLocation: sourceLocation)
        }
    }

    /// Runs `init` with default sources (the image folder under the root, then user data). All of
    /// it happens on a thread of its own: starting the server, the binary and the server's stop
    /// all block, for up to seconds, and holding one of the concurrency pool's few threads that
    /// long would stall every other test in the process.
    static func runInit(
        server options: [String], userData: [UInt8]? = userData, deadline: Double,
        imageDocuments: [String: String] = [:]
    ) async throws -> Run {
        try await DedicatedThread.run {
            Result {
                try runInitBlocking(
                    server: options, userData: userData, deadline: deadline, imageDocuments: imageDocuments)
            }
        }.get()
    }

    private static func runInitBlocking(
        server options: [String], userData: [UInt8]?, deadline: Double, imageDocuments: [String: String]
    ) throws -> Run {
        let server = try IMDSTestServer(userData: userData, options: ["--local-ipv4", nodeAddress] + options)
        defer { server.stop() }
        let root = try TemporaryFolder()
        for (name, text) in imageDocuments {
            try root.write("etc/nodeprep/config.d/" + name, Array(text.utf8))
        }
        let arguments = [
            "init", "--root", root.path, "--imds-deadline", "\(deadline)", "--containerd-version", "1.7.20",
        ]
        let started = ContinuousClock.now
        let result = try NodePrepBinary.run(
            arguments, environment: server.environment.merging(["AWS_EC2_METADATA_DISABLED": "false"]) { $1 })
        let elapsed = ContinuousClock.now - started
        return Run(result: result, elapsed: elapsed, root: root, requests: try server.requestLog())
    }

    @Test func refusedConnectionsForASecondThenSuccess() async throws {
        let run = try await Self.runInit(server: ["--refuse-for", "1"], deadline: 5)
        try run.expectSuccess()
        #expect(run.elapsed >= .milliseconds(900))
        #expect(run.requests == Self.goodRequests)
    }

    @Test(arguments: [503, 429])
    func stormOfRetryableStatusesThenSuccess(status: Int) async throws {
        let run = try await Self.runInit(server: ["--fail-count", "4", "--fail-status", "\(status)"], deadline: 5)
        try run.expectSuccess()
        #expect(run.requests == Array(repeating: "PUT /latest/api/token \(status)", count: 4) + Self.goodRequests)
    }

    /// The first connection is accepted and never answered: it costs one attempt timeout (5 s).
    @Test func connectionThatNeverAnswersCostsOneAttempt() async throws {
        let run = try await Self.runInit(server: ["--hang-first", "1"], deadline: 8)
        try run.expectSuccess()
        #expect(run.elapsed >= .milliseconds(4900))
        #expect(run.elapsed < .seconds(8))
        #expect(run.requests == Self.goodRequests)
    }

    @Test(arguments: [
        (["--hang-first", "100000"], "no answer within"),
        (["--fail-count", "100000", "--fail-status", "503"], "HTTP status 503"),
        (["--refuse-for", "60"], "refused or unreachable"),
    ])
    func failureInsideTheDeadline(faults: [String], reason: String) async throws {
        let run = try await Self.runInit(server: faults, deadline: 3)
        try run.expectFailure(naming: "/latest/user-data", reason: reason)
        #expect(run.result.stderr.contains("deadline exceeded"))
        #expect(run.elapsed >= .milliseconds(2900))
        #expect(run.elapsed < .seconds(3) + Self.slack)
    }

    /// User data takes 1.5 s to arrive; the node address then meets a 503 storm. One deadline
    /// covers both lookups, so the run stops at 3 s, not at 1.5 + 3 s.
    @Test func oneDeadlineCoversUserDataAndNodeAddress() async throws {
        let run = try await Self.runInit(
            server: [
                "--delay", "1.5", "--delay-path", "/latest/user-data", "--fail-from", "3", "--fail-count", "100000",
            ],
            deadline: 3)
        try run.expectFailure(naming: "/latest/meta-data/local-ipv4", reason: "deadline exceeded")
        #expect(run.elapsed >= .milliseconds(2900))
        #expect(run.elapsed < .seconds(4), "the node address got a deadline of its own")
        #expect(run.requests.prefix(2) == ["PUT /latest/api/token 200", "GET /latest/user-data 200"])
    }

    /// Tokens are forgotten after the user-data GET (request 2), as after an instance restart.
    @Test func tokenRejectedMidRunIsRenewedOnce() async throws {
        let run = try await Self.runInit(server: ["--invalidate-tokens-after", "2"], deadline: 5)
        try run.expectSuccess()
        #expect(
            run.requests == [
                "PUT /latest/api/token 200", "GET /latest/user-data 200", "GET /latest/meta-data/local-ipv4 401",
                "PUT /latest/api/token 200", "GET /latest/meta-data/local-ipv4 200",
            ])
    }

    /// No user data (404) is not an error: the image's own documents are the whole configuration.
    @Test func missingUserDataLeavesTheImageDocuments() async throws {
        let mirror = """
            apiVersion: nodeprep.dev/v1alpha1
            kind: MirrorConfig
            spec:
              registries: [https://docker.io]
              targets: ["http://${NODE_IP}:30020"]

            """
        let run = try await Self.runInit(
            server: [], userData: nil, deadline: 5, imageDocuments: ["10-mirror.yaml": mirror])
        try run.expectSuccess()
        #expect(
            run.requests == [
                "PUT /latest/api/token 200", "GET /latest/user-data 404", "GET /latest/meta-data/local-ipv4 200",
            ])
        #expect(try run.files().contains("etc/containerd/config.toml"))
    }

    @Test func truncatedAnswerIsFetchedAgain() async throws {
        let run = try await Self.runInit(server: ["--truncate-first", "1"], deadline: 5)
        try run.expectSuccess()
        #expect(
            run.requests == [
                "PUT /latest/api/token 200", "GET /latest/user-data 200", "GET /latest/user-data 200",
                "GET /latest/meta-data/local-ipv4 200",
            ])
    }

    /// A token no header can carry is not retried: the run fails at once.
    @Test(arguments: ["empty", "binary"])
    func malformedTokenFailsAtOnce(kind: String) async throws {
        let run = try await Self.runInit(server: ["--malformed-token", kind], deadline: 5)
        try run.expectFailure(naming: "/latest/api/token", reason: "malformed session token")
        #expect(run.elapsed < Self.slack + .seconds(1))
        #expect(run.requests == ["PUT /latest/api/token 200"])
    }
}
