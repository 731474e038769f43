import Foundation
import Testing

/// The `nodeprep` command as users run it: exit codes, where output goes, what `--dry-run` and
/// `--explain` print.
@Suite struct CommandLineTests {
    let folder: TemporaryFolder
    let userData: String

    init() throws {
        folder = try TemporaryFolder()
        userData = try KarpenterStyleUserData.file(
            [
                KarpenterStyleUserData.shellScript,
                KarpenterStyleUserData.userNodeConfig,
                KarpenterStyleUserData.mirrorConfig(targets: ["http://${NODE_IP}:30020"]),
                KarpenterStyleUserData.generatedNodeConfig,
            ], in: folder)
    }

    @Test func checkAcceptsValidUserData() throws {
        let result = try NodePrepBinary.run(["config", "check", "-c", "file://" + userData])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "configuration is valid\n")
    }

    @Test func checkListsEveryProblemAndExits65() throws {
        let broken = try folder.write(
            "broken.yaml",
            Array(
                """
                apiVersion: node.eks.aws/v1alpha1
                kind: NodeConfig
                spec:
                  cluster:
                    name: 42
                  kubelet:
                    flagz: []

                """.utf8))
        let result = try NodePrepBinary.run(["config", "check", "-c", "file://" + broken])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(broken) line 5:11: spec.cluster.name must be a string, found integer 42"))
        #expect(result.stderr.contains("\(broken) line 7:5: unknown field spec.kubelet.flagz"))
    }

    @Test func checkAppliesNodeadmsRequiredFields() throws {
        let partial = try folder.write(
            "partial.yaml",
            Array(
                """
                apiVersion: node.eks.aws/v1alpha1
                kind: NodeConfig
                spec:
                  cluster:
                    name: only-a-name

                """.utf8))
        let result = try NodePrepBinary.run(["config", "check", "-c", "file://" + partial])
        #expect(result.status == 65)
        #expect(result.stderr.contains("spec.cluster.apiServerEndpoint is missing"))
        #expect(result.stderr.contains("spec.cluster.cidr is missing"))
    }

    @Test func unknownSourceSchemeIsAUsageError() throws {
        let result = try NodePrepBinary.run(["config", "dump", "-c", "s3://bucket/key"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("unsupported config source"))
    }

    /// `-c a,b` is `-c a -c b`: a folder's file and a later file merge in the order given, and
    /// `config dump` shows the later file's value.
    @Test func aCommaSeparatedSourceListReadsEverySourceInOrder() throws {
        let drop = try TemporaryFolder()
        _ = try drop.write("10-name.yaml", Array(Self.nodeConfig(name: "from-folder", cidr: "10.100.0.0/16").utf8))
        let later = try folder.write("later.yaml", Array(Self.nodeConfig(name: "from-file", cidr: nil).utf8))
        let sources = ["file://\(drop.path)/", "file://\(later)"]
        let listed = try NodePrepBinary.run(["config", "dump", "-c", sources.joined(separator: ",")])
        let repeated = try NodePrepBinary.run(["config", "dump"] + sources.flatMap { ["-c", $0] })
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("\"name\": \"from-file\""), "\(listed.stdout)")
        #expect(listed.stdout.contains("\"cidr\": \"10.100.0.0/16\""), "\(listed.stdout)")
        #expect(listed.stdout == repeated.stdout)
        let reversed = try NodePrepBinary.run(["config", "dump", "-c", sources.reversed().joined(separator: ",")])
        #expect(reversed.stdout.contains("\"name\": \"from-folder\""), "\(reversed.stdout)")
    }

    @Test func anEmptyItemInASourceListIsAUsageError() throws {
        let result = try NodePrepBinary.run(["config", "check", "-c", "file://" + userData + ","])
        #expect(result.status == 64)
        #expect(result.stderr.contains("an empty source in a comma-separated list"), "\(result.stderr)")
    }

    static func nodeConfig(name: String, cidr: String?) -> String {
        "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  cluster:\n    name: \(name)\n"
            + (cidr.map { "    cidr: \($0)\n" } ?? "")
    }

    @Test func missingFileSourceExits69() throws {
        let result = try NodePrepBinary.run(["config", "dump", "-c", "file://" + folder.path("absent.yaml")])
        #expect(result.status == 69)
        #expect(result.stderr.contains("absent.yaml: no such file or folder"))
    }

    @Test func explainNamesThePartThatSetEachValue() throws {
        let result = try NodePrepBinary.run(["config", "dump", "--explain", "-c", "file://" + userData])
        #expect(result.status == 0, "\(result.stderr)")
        let rlimits = result.stdout.split(separator: "\n").first { $0.contains("baseRuntimeSpec.process.rlimits") }
        #expect(rlimits?.contains("part 4 (application/node.eks.aws)") == true, "\(result.stdout)")
        let noNewPrivileges = result.stdout.split(separator: "\n").first { $0.contains("process.noNewPrivileges") }
        #expect(noNewPrivileges?.contains("part 2 (application/node.eks.aws)") == true, "\(result.stdout)")
    }

    @Test func dumpWritesJSONToAFile() throws {
        let output = folder.path("dump.json")
        let result = try NodePrepBinary.run(["config", "dump", "-c", "file://" + userData, "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any]
        let items = json?["items"] as? [[String: Any]]
        #expect(items?.map { $0["kind"] as? String } == ["NodeConfig", "MirrorConfig"])
    }

    @Test func dumpToAFolderThatDoesNotExistFailsNamingThePath() throws {
        let output = folder.path("missing/dump.json")
        let result = try NodePrepBinary.run(["config", "dump", "-c", "file://" + userData, "-o", output])
        #expect(result.status == 73)
        #expect(
            result.stderr.contains("\(output): open failed: No such file or directory (errno 2)"), "\(result.stderr)")
    }

    @Test func dryRunPrintsDiffsAndWritesNothing() throws {
        let root = try TemporaryFolder()
        let result = try NodePrepBinary.run([
            "init", "--dry-run", "--root", root.path, "-c", "file://" + userData, "--containerd-version", "1.7.20",
            "--node-address", "10.9.8.7",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains(
                "create /etc/containerd/config.toml\n--- /dev/null\n+++ b/etc/containerd/config.toml"))
        #expect(result.stdout.contains("+[host.'http://10.9.8.7:30020']"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
    }

    @Test func initWritesUnderRootAndSaysUnchangedTheSecondTime() throws {
        let root = try TemporaryFolder()
        let arguments = [
            "init", "--root", root.path, "-c", "file://" + userData, "--containerd-version", "1.7.20",
            "--node-address", "10.9.8.7",
        ]
        let first = try NodePrepBinary.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("wrote /etc/containerd/config.toml"))
        let second = try NodePrepBinary.run(arguments)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("unchanged /etc/containerd/config.toml"))
        #expect(second.stderr.contains("containerd configuration unchanged"))
    }

    @Test func nodeAddressWithIMDSDisabledExits69() throws {
        let root = try TemporaryFolder()
        let result = try NodePrepBinary.run([
            "init", "--root", root.path, "-c", "file://" + userData, "--containerd-version", "1.7.20",
        ])
        #expect(result.status == 69)
        #expect(result.stderr.contains("IMDS is disabled; pass --node-address"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
    }
}
