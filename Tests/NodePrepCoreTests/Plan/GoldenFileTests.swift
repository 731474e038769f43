import Foundation
import Testing

@testable import NodePrepCore

/// What nodeprep writes and prints for whole boots, compared with reviewed files.
///
/// Each scenario is a folder under `Tests/NodePrepCoreTests/Golden/`: the instance's `user-data`
/// and, under `node/`, what the node already holds. The user data goes through the same decoding,
/// merging and planning as `nodeprep init`; `expected/` holds every planned file at its node path
/// (under `files/`), `plan.txt` (the summary, warnings and steps), and what `config dump` and
/// `config dump --explain` print for the same user data. Regenerate with ``GoldenFile/updateCommand``.
struct GoldenFileTests {
    @Test(arguments: GoldenScenario.all)
    func plannedFiles(_ scenario: GoldenScenario) throws {
        let (resolution, output) = try scenario.plan()
        let expected = scenario.name + "/expected"
        if GoldenFile.isUpdating { try GoldenFile.removeFolder(expected) }

        var written: [String] = []
        for case .write(let file) in output.plan.steps {
            written.append(String(file.path.dropFirst()))
            try GoldenFile.check(String(decoding: file.contents, as: UTF8.self), at: expected + "/files" + file.path)
        }
        #expect(
            GoldenFile.files(below: expected + "/files") == written.sorted(),
            "the golden files and the planned files differ")
        try GoldenFile.check(Self.planText(resolution, output), at: expected + "/plan.txt")
        try GoldenFile.check(resolution.config.dumpText, at: expected + "/config-dump.json")
        try GoldenFile.check(Explanation(resolution.config).text, at: expected + "/explain.txt")
    }

    /// The log's account of a plan, one step per line, for reviewing what happens besides the file
    /// contents (a backup, a removal, which parts were skipped).
    static func planText(_ resolution: ConfigResolution, _ output: InitPlanner.Output) -> String {
        var lines = ["summary: " + output.summary]
        lines += resolution.skipped.map { "skipped: " + $0 }
        lines += resolution.diagnostics.map { "diagnostic: \($0)" }
        lines += output.warnings.map { "warning: " + $0 }
        for step in output.plan.steps {
            switch step {
            case .write(let file): lines.append("write \(file.path) mode 0\(String(file.mode, radix: 8))")
            case .backup(let directory, let backupName): lines.append("back up \(directory) into \(backupName)")
            case .remove(let path): lines.append("remove \(path)")
            case .restore(let directory, let backupName): lines.append("restore \(directory) from \(backupName)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aMismatchIsReportedAsAUnifiedDiff() throws {
        let golden = "version = 2\n\n[grpc]\naddress = \"/run/containerd/containerd.sock\"\n"
        let actual = "version = 2\n\n[grpc]\naddress = \"/run/other.sock\"\n"
        let message = try #require(GoldenFile.mismatch(expected: golden, actual: actual, path: "x/config.toml"))
        #expect(
            message.contains(
                """
                --- Golden/x/config.toml
                +++ actual
                @@ -1,4 +1,4 @@
                 version = 2
                 
                 [grpc]
                -address = "/run/containerd/containerd.sock"
                +address = "/run/other.sock"
                """))
        #expect(message.contains(GoldenFile.updateCommand))
        #expect(GoldenFile.mismatch(expected: golden, actual: golden, path: "x/config.toml") == nil)
    }

    @Test func aMissingFinalNewlineIsNamed() throws {
        let message = try #require(GoldenFile.mismatch(expected: "a = 1\n", actual: "a = 1", path: "x/hosts.toml"))
        #expect(message.contains("the golden file ends with a newline, the output has no final newline"))
    }

    @Test func aMissingGoldenFileShowsTheOutput() throws {
        let message = try #require(GoldenFile.mismatch(expected: nil, actual: "a = 1\n", path: "x/new.toml"))
        #expect(message.hasPrefix("Golden/x/new.toml is missing; the code produced:\na = 1\n"))
    }
}

/// One boot: the instance's user data, the node's containerd and address, and the node's files.
struct GoldenScenario: Sendable, CustomTestStringConvertible {
    var name: String
    var containerd: String
    var nodeAddress: String
    /// kubelet's version, as `--kubelet-version` gives it; nil: unknown (no kubelet found).
    var kubelet: String?
    /// The instance returns `user-data` base64-encoded, as Karpenter's launch templates hold it.
    var base64EncodesUserData = false

    var testDescription: String { name }

    static let all = [
        // No config.toml yet: nodeadm's templates, a mirror for every registry (`_default`); kubelet
        // 1.31, so no CDI.
        GoldenScenario(
            name: "containerd-1.7-template", containerd: "1.7.20", nodeAddress: "10.0.3.17", kubelet: "1.31.4"),
        // Version 3 keys, user TOML for the images plugin; docker.io, ghcr.io and a host:port registry;
        // kubelet 1.33, so CDI on.
        GoldenScenario(
            name: "containerd-2.1-template", containerd: "2.1.4", nodeAddress: "10.0.3.17", kubelet: "1.33.1"),
        // The node's own config.toml amended: its settings kept, registry mirrors removed.
        GoldenScenario(name: "existing-config-amended", containerd: "1.6.20", nodeAddress: "10.0.3.17"),
        // An IPv6 node address and an IPv6 registry, beside an explicit `_default`.
        GoldenScenario(name: "ipv6", containerd: "2.1.4", nodeAddress: "fd12:3456:789a:1::17"),
        // An existing certs.d: backed up once, its hosts and certificates kept after the mirror.
        GoldenScenario(name: "prepend-existing", containerd: "1.7.20", nodeAddress: "10.0.3.17"),
        // Karpenter-style user data whose two NodeConfig parts each set part of baseRuntimeSpec.
        GoldenScenario(
            name: "karpenter-two-nodeconfigs", containerd: "1.7.20", nodeAddress: "10.0.3.17",
            base64EncodesUserData: true),
    ]

    /// Decodes and merges the user data as `init` does and plans on the node's files.
    func plan() throws -> (ConfigResolution, InitPlanner.Output) {
        let text = try GoldenFile.read(name + "/user-data")
        let bytes = base64EncodesUserData ? Array(Data(text).base64EncodedString().utf8) : text
        let userData = SourceInput(name: "user-data", bytes: bytes, kind: .userData)
        let resolution = ConfigResolution(inputs: [userData])
        let config = try resolution.validConfig()
        return (resolution, try InitPlanner.plan(config, node: try node()))
    }

    /// The node as `node/` describes it: config.toml, nodeprep's state file and certs.d.
    private func node() throws -> NodeSnapshot {
        let version = try #require(ContainerdVersion(parsing: containerd))
        var node = NodeSnapshot(containerd: InstalledContainerd(version, from: .option), nodeAddress: nodeAddress)
        node.kubelet = try kubelet.map { InstalledKubelet(try #require(KubeletVersion(parsing: $0)), from: .option) }
        let certs = "etc/containerd/certs.d/"
        for path in GoldenFile.files(below: name + "/node") {
            let bytes = try GoldenFile.read(name + "/node/" + path)
            switch "/" + path {
            case ContainerdConfigRenderer.configPath:
                node.containerdConfig = String(decoding: bytes, as: UTF8.self)
            case ContainerdConfigState.path:
                node.containerdConfigState = try ContainerdConfigState(parsing: bytes)
            case _ where path.hasPrefix(certs):
                node.certsDirectory.entries[String(path.dropFirst(certs.count))] = .file(bytes)
            default:
                Issue.record("\(name)/node/\(path) is not a file nodeprep reads")
            }
        }
        return node
    }
}
