import Foundation
import Logging
import NodePrepCore

@testable import NodePrepSystem

/// Runs `InitPipeline` the way `nodeprep init` wires it, against a real IMDS server on loopback
/// and a temporary root folder, with a notifier that records what systemd would be told.
struct InitPipelineHarness {
    let root: TemporaryFolder
    let server: IMDSTestServer
    let notifier = RecordingNotifier()

    init(userData: [UInt8]?, serverOptions: [String] = []) throws {
        root = try TemporaryFolder()
        server = try IMDSTestServer(userData: userData, options: serverOptions)
    }

    var fileSystem: NodeFileSystem { NodeFileSystem(root: root.path) }

    func pipeline(containerdVersion: String = "1.6.20", sources: [ConfigSourceURI] = [.imdsUserData]) throws
        -> InitPipeline
    {
        let endpoint = try IMDSEndpoint(environment: server.environment)
        let imds = IMDSClient(endpoint: endpoint, retryPolicy: RetryPolicy(deadline: .seconds(10)))
        return InitPipeline(
            sources: sources,
            loader: SourceLoader(userData: imds, fileSystem: fileSystem),
            inspector: NodeInspector(
                fileSystem: fileSystem, containerdVersion: ContainerdVersion(parsing: containerdVersion)),
            nodeAddress: { try await imds.nodeAddress(ipv6: false) },
            notifier: notifier,
            logger: Logger(label: "nodeprep-test"))
    }

    func read(_ nodePath: String) throws -> String? {
        try fileSystem.read(nodePath).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Records notifications instead of sending them.
final class RecordingNotifier: ServiceNotifier, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [ServiceNotification] = []

    var notifications: [ServiceNotification] { lock.withLock { sent } }

    func send(_ notification: ServiceNotification) throws {
        lock.withLock { sent.append(notification) }
    }
}
