import Foundation

/// A node root seeded with containerd files, a folder beside it that no write may reach, and a
/// way to run `nodeprep init` on it with one source.
struct BadInputNode {
    let folder: TemporaryFolder
    var root: String { folder.path("root") }
    /// A folder outside the root that planted symlinks point at.
    var outside: String { folder.path("outside") }

    init() throws {
        folder = try TemporaryFolder()
        try NodeRoot(path: folder.path("root")).write(
            HandWrittenNodeFiles.dockerHubMirrorNode(mirror: "http://10.0.0.9:30020"))
        try folder.write("outside/hosts.toml", Array("server = 'https://outside.test'\n".utf8))
    }

    /// The node root and the folder beside it, as one value to compare before and after a run.
    func snapshot() throws -> [String: String] {
        let root = try NodeTree.capture(root).map { ("root/" + $0.key, $0.value) }
        let outside = try NodeTree.capture(outside).map { ("outside/" + $0.key, $0.value) }
        return Dictionary(uniqueKeysWithValues: root + outside)
    }

    /// Runs `nodeprep init --root` with `source` as the only configuration source. The process is
    /// waited for on a thread of its own, so it does not hold a thread of the pool other tests run on.
    func run(
        source bytes: [UInt8], delivery: BadInput.Delivery, containerdVersion: String = "1.7.20",
        nodeAddress: String = "10.20.30.40"
    ) async throws -> (result: NodePrepBinary.Result, sourceName: String) {
        let arguments = [
            "init", "--root", root, "--containerd-version", containerdVersion, "--node-address", nodeAddress,
            "--imds-deadline", "5",
        ]
        switch delivery {
        case .file:
            let path = try folder.write("input/source", bytes)
            let result = try await onOwnThread { try NodePrepBinary.run(arguments + ["-c", "file://" + path]) }
            return (result, path)
        case .userData:
            let result = try await onOwnThread {
                let server = try IMDSTestServer(userData: bytes)
                defer { server.stop() }
                var environment = server.environment
                environment["AWS_EC2_METADATA_DISABLED"] = "false"
                return try NodePrepBinary.run(arguments + ["-c", "imds://user-data"], environment: environment)
            }
            return (result, "user-data")
        }
    }

    /// Runs with a valid NodeConfig and MirrorConfig, for cases about the node's own state.
    func runWithValidConfig(containerdVersion: String = "1.7.20") async throws -> NodePrepBinary.Result {
        let text = BadInput.mime([
            (
                "application/node.eks.aws",
                BadInput.nodeConfig("  containerd:\n    baseRuntimeSpec:\n      process: {cwd: /}\n")
            ),
            ("application/vnd.nodeprep+yaml", BadInput.mirrorConfig(BadInput.validMirrorSpec)),
        ])
        return try await run(source: Array(text.utf8), delivery: .file, containerdVersion: containerdVersion).result
    }
}

/// Runs blocking work on a new thread and waits for it without blocking the caller's thread.
func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try work() })
        }
    }
}
