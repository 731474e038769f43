import Foundation
import Testing

/// `nodeprep init` (the built binary) run twice in one boot: the first run asks a real IMDS server
/// on loopback and keeps its answers in `<root>/run/nodeprep/`; later runs read that copy and work
/// with IMDS gone, re-read the image's own sources, and still change nothing when they fail.
@Suite(.serialized) struct InitBootCacheTests {
    static let nodeAddress = "10.77.0.41"
    static let userData = KarpenterStyleUserData.servedByIMDS
    /// Nothing listens there: IMDS is gone.
    static let goneIMDS = [
        "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:9", "AWS_EC2_METADATA_DISABLED": "false",
    ]

    let root: TemporaryFolder

    init() throws {
        root = try TemporaryFolder()
    }

    func initRun(
        _ environment: [String: String], extra: [String] = [], deadline: Double = 2, under wrapper: [String] = []
    ) throws -> NodePrepBinary.Result {
        try NodePrepBinary.run(
            ["init", "--root", root.path, "--imds-deadline", "\(deadline)", "--containerd-version", "1.7.20"] + extra,
            environment: environment, under: wrapper)
    }

    /// The first run, against a live IMDS; returns the requests the server answered.
    func firstRun(userData: [UInt8]? = userData, server options: [String] = []) throws -> (
        NodePrepBinary.Result, [String]
    ) {
        let server = try IMDSTestServer(userData: userData, options: ["--local-ipv4", Self.nodeAddress] + options)
        defer { server.stop() }
        let result = try initRun(server.environment.merging(["AWS_EC2_METADATA_DISABLED": "false"]) { $1 })
        return (result, try server.requestLog())
    }

    func hostsFile() -> String? {
        FileInspection.bytes(root.path("etc/containerd/certs.d/docker.io/hosts.toml")).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    @Test func firstRunKeepsUserDataAndAddressPrivately() throws {
        let (result, requests) = try firstRun()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            requests == [
                "PUT /latest/api/token 200", "GET /latest/user-data 200", "GET /latest/meta-data/local-ipv4 200",
            ])
        #expect(FileInspection.mode(root.path("run/nodeprep")) == 0o700)
        #expect(FileInspection.mode(root.path("run/nodeprep/user-data")) == 0o600)
        #expect(FileInspection.bytes(root.path("run/nodeprep/user-data")) == Self.userData)
        #expect(FileInspection.bytes(root.path("run/nodeprep/node-address")) == Array(Self.nodeAddress.utf8))
        #expect(!FileInspection.exists(root.path("run/nodeprep/no-user-data")))
    }

    /// A re-run that the copy answers builds no URLSession at all. Building one makes libcurl's
    /// multi handle, which opens a wake-up socket pair, and nothing else in `init` opens one: the
    /// first run's trace shows it, the re-run's must not.
    @Test func rerunFromTheCopyBuildsNoIMDSSession() throws {
        let server = try IMDSTestServer(userData: Self.userData, options: ["--local-ipv4", Self.nodeAddress])
        defer { server.stop() }
        let environment = server.environment.merging(["AWS_EC2_METADATA_DISABLED": "false"]) { $1 }
        let traces = try TemporaryFolder()
        var results: [NodePrepBinary.Result] = []
        let socketPairs = try (0..<2).map { _ in
            try SyscallTrace.lines(of: "socketpair", in: traces) { wrapper in
                results.append(try initRun(environment, under: wrapper))
            }
        }
        #expect(results.map(\.status) == [0, 0], "\(results.map(\.stderr))")
        #expect(socketPairs[0].count == 1, "the first run builds one session: \(socketPairs[0])")
        #expect(socketPairs[1].isEmpty, "the re-run built a session: \(socketPairs[1])")
        #expect(try server.requestLog().count == 3, "only the first run asks IMDS")
        // With --node-address the copy needs no address to answer everything.
        try FileManager.default.removeItem(atPath: root.path("run/nodeprep/node-address"))
        let givenAddress = try SyscallTrace.lines(of: "socketpair", in: traces) { wrapper in
            results.append(try initRun(environment, extra: ["--node-address=10.9.9.9"], under: wrapper))
        }
        #expect(results.last?.status == 0, "\(results.last?.stderr ?? "")")
        #expect(givenAddress.isEmpty, "a run given its address built a session: \(givenAddress)")
    }

    @Test func rerunWithIMDSGoneUsesTheBootsCopy() throws {
        let (first, _) = try firstRun()
        #expect(first.status == 0, "\(first.stderr)")
        let certsAfterFirst = try NodeTree.capture(root.path("etc/containerd/certs.d"))
        // Another writer replaces config.toml, as nodeadm or a bootstrap script does.
        _ = try root.write(
            "etc/containerd/config.toml",
            Array(
                "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".containerd]\ndiscard_unpacked_layers = true\n".utf8
            ))

        let second = try initRun(Self.goneIMDS)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(
            second.stderr.contains("user data: this boot's copy in /run/nodeprep/user-data, IMDS not asked"),
            "\(second.stderr)")
        #expect(
            second.stderr.contains("node address: this boot's copy in /run/nodeprep/node-address, IMDS not asked"),
            "\(second.stderr)")
        let config = String(
            decoding: FileInspection.bytes(root.path("etc/containerd/config.toml")) ?? [], as: UTF8.self)
        #expect(config.contains("discard_unpacked_layers = false"), "\(config)")
        #expect(config.contains("max_concurrent_downloads = 7"), "the user data's setting is back: \(config)")
        #expect(hostsFile()?.contains("http://\(Self.nodeAddress):30020") == true)
        #expect(try NodeTree.capture(root.path("etc/containerd/certs.d")) == certsAfterFirst)
    }

    @Test func rerunReadsTheImageFolderAgain() throws {
        let (first, _) = try firstRun()
        #expect(first.status == 0, "\(first.stderr)")
        _ = try root.write(
            "etc/nodeprep/config.d/50-downloads.yaml",
            Array(
                """
                apiVersion: node.eks.aws/v1alpha1
                kind: NodeConfig
                spec:
                  containerd:
                    config: |
                      [plugins."io.containerd.grpc.v1.cri".containerd]
                      snapshotter = "native"

                """.utf8))
        let second = try initRun(Self.goneIMDS)
        #expect(second.status == 0, "\(second.stderr)")
        let config = String(
            decoding: FileInspection.bytes(root.path("etc/containerd/config.toml")) ?? [], as: UTF8.self)
        #expect(config.contains("snapshotter = \"native\""), "\(config)")
        #expect(config.contains("max_concurrent_downloads = 7"), "\(config)")
    }

    @Test func failedRerunChangesNothing() throws {
        let (first, _) = try firstRun()
        #expect(first.status == 0, "\(first.stderr)")
        _ = try root.write(
            "etc/nodeprep/config.d/90-bad.yaml",
            Array("apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  containerd:\n    confg: x\n".utf8))
        let before = try NodeTree.capture(root.path)
        let second = try initRun(Self.goneIMDS)
        #expect(second.status == 65, "\(second.stderr)")
        #expect(second.stderr.contains("90-bad.yaml"), "\(second.stderr)")
        #expect(try NodeTree.capture(root.path) == before)
    }

    /// The next boot starts with an empty /run: IMDS is asked again, and without it the run fails.
    @Test func nextBootWithoutIMDSFails() throws {
        let (first, _) = try firstRun()
        #expect(first.status == 0, "\(first.stderr)")
        try FileManager.default.removeItem(atPath: root.path("run"))
        let before = try NodeTree.capture(root.path)
        let second = try initRun(Self.goneIMDS, deadline: 1)
        #expect(second.status == 69, "\(second.stderr)")
        #expect(try NodeTree.capture(root.path) == before)
    }

    @Test func noUserDataIsKeptToo() throws {
        let (first, requests) = try firstRun(userData: nil)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(requests == ["PUT /latest/api/token 200", "GET /latest/user-data 404"])
        #expect(FileInspection.bytes(root.path("run/nodeprep/no-user-data")) == [])
        let second = try initRun(Self.goneIMDS)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("user data (none): this boot's copy"), "\(second.stderr)")
    }

    /// A run that fails keeps nothing: user data arrived, then the node address never did.
    @Test func failedFirstRunKeepsNoCopy() throws {
        let (first, requests) = try firstRun(server: ["--fail-from", "3", "--fail-count", "100000"])
        #expect(first.status == 69, "\(first.stderr)")
        #expect(requests.prefix(2) == ["PUT /latest/api/token 200", "GET /latest/user-data 200"])
        #expect(!FileInspection.exists(root.path("run")))
    }

    @Test func dryRunKeepsNoCopy() throws {
        let server = try IMDSTestServer(userData: Self.userData, options: ["--local-ipv4", Self.nodeAddress])
        defer { server.stop() }
        let result = try initRun(
            server.environment.merging(["AWS_EC2_METADATA_DISABLED": "false"]) { $1 }, extra: ["--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try root.contents().isEmpty)
    }
}
