import Foundation
import NodePrepCore
import Testing

/// The built binary against the reviewed golden files of the Karpenter-style scenario
/// (`Tests/NodePrepCoreTests/Golden/karpenter-two-nodeconfigs`): served by a real IMDS on
/// loopback, `init` must write exactly the golden files and `config dump` (with and without
/// `--explain`) must print exactly the golden text. The planner-level test in NodePrepCoreTests
/// covers every scenario; this one shows that the command line adds or changes nothing.
struct GoldenOutputTests {
    static let scenario = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("NodePrepCoreTests/Golden/karpenter-two-nodeconfigs").path

    /// The scenario's user data as the instance serves it: base64, as Karpenter's launch templates
    /// hold it.
    static func server() throws -> IMDSTestServer {
        let text = try Data(contentsOf: URL(fileURLWithPath: scenario + "/user-data"))
        return try IMDSTestServer(userData: Array(text.base64EncodedString().utf8))
    }

    static func run(_ arguments: [String], on server: IMDSTestServer) throws -> NodePrepBinary.Result {
        let environment = server.environment.merging(["AWS_EC2_METADATA_DISABLED": "false"]) { $1 }
        return try NodePrepBinary.run(arguments + ["-c", "imds://user-data"], environment: environment)
    }

    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let golden = FileInspection.bytes(scenario + "/expected/" + name).map { String(decoding: $0, as: UTF8.self) }
        guard golden != actual else { return }
        let diff = UnifiedDiff.render(old: golden ?? "", new: actual, oldName: "golden " + name, newName: "nodeprep")
        Issue.record("nodeprep's \(name) differs from the golden file:\n\(diff)", sourceLocation: sourceLocation)
    }

    @Test func initWritesTheGoldenFiles() throws {
        let server = try Self.server()
        defer { server.stop() }
        let root = try TemporaryFolder()
        let result = try Self.run(
            ["init", "--root", root.path, "--containerd-version", "1.7.20", "--node-address", "10.0.3.17"], on: server)
        #expect(result.status == 0, "\(result.stderr)")

        // The record of the run carries its finishing time (`nodeprep status` tests cover it), and
        // run/nodeprep holds this boot's copy of the IMDS answers, not a file for containerd.
        let written = try FileManager.default.subpathsOfDirectory(atPath: root.path)
            .filter {
                !Self.isFolder(root.path($0)) && $0 != "var/lib/nodeprep/last-run.json" && !$0.hasPrefix("run/")
            }
        let golden = try FileManager.default.subpathsOfDirectory(atPath: Self.scenario + "/expected/files")
            .filter { !Self.isFolder(Self.scenario + "/expected/files/" + $0) }
        #expect(written.sorted() == golden.sorted())
        for path in golden {
            let bytes = FileInspection.bytes(root.path(path)) ?? []
            Self.expectGolden(String(decoding: bytes, as: UTF8.self), "files/" + path)
        }
    }

    @Test func configDumpPrintsTheGoldenText() throws {
        let server = try Self.server()
        defer { server.stop() }
        let dump = try Self.run(["config", "dump"], on: server)
        #expect(dump.status == 0, "\(dump.stderr)")
        Self.expectGolden(dump.stdout, "config-dump.json")

        let explain = try Self.run(["config", "dump", "--explain"], on: server)
        #expect(explain.status == 0, "\(explain.stderr)")
        Self.expectGolden(explain.stdout, "explain.txt")
    }

    private static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
