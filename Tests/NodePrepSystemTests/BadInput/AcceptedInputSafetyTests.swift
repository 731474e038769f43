import Foundation
import TOMLKit
import Testing

/// Values nodeprep accepts but that would inject keys, tables or files if written carelessly:
/// each is written so that it stays one value, as containerd itself reads it back.
@Suite(.serialized) struct AcceptedInputSafetyTests {
    static let cri = ["plugins", "io.containerd.grpc.v1.cri"]
    static let mirror = ("application/vnd.nodeprep+yaml", BadInput.mirrorConfig(BadInput.validMirrorSpec))

    /// Runs init with one NodeConfig part (and the mirror) and returns the written config.toml.
    func initialize(_ node: BadInputNode, nodeConfig: String) async throws -> String {
        let text = BadInput.mime([("application/node.eks.aws", nodeConfig), Self.mirror])
        let (result, _) = try await node.run(source: Array(text.utf8), delivery: .file)
        #expect(result.status == 0, "\(result.stderr)")
        return try String(contentsOfFile: node.root + "/etc/containerd/config.toml", encoding: .utf8)
    }

    /// Lines of `text` that set `key`, without their indentation.
    func assignments(of key: String, in text: String) -> [Substring] {
        text.split(separator: "\n").map { $0.drop { $0 == " " } }.filter { $0.hasPrefix(key + " ") }
    }

    @Test func newlineInATOMLStringCannotAddAKey() async throws {
        let node = try BadInputNode()
        let smuggled = "overlayfs\"\ndiscard_unpacked_layers = true\n# "
        let config = try await initialize(
            node,
            nodeConfig: BadInput.containerdConfig(
                """
                [plugins."io.containerd.grpc.v1.cri".containerd]
                snapshotter = "overlayfs\\"\\ndiscard_unpacked_layers = true\\n# "
                """))
        #expect(assignments(of: "discard_unpacked_layers", in: config) == ["discard_unpacked_layers = false"])
        let loaded = try await ContainerdConfigDump.run(config: config).loadedConfig()
        #expect(loaded.value(at: Self.cri + ["containerd", "snapshotter"])?.tomlValue.string == smuggled)
        #expect(loaded.value(at: Self.cri + ["containerd", "discard_unpacked_layers"])?.tomlValue.bool == false)
    }

    @Test func newlineInATOMLKeyCannotOpenATable() async throws {
        let node = try BadInputNode()
        let config = try await initialize(
            node,
            nodeConfig: BadInput.containerdConfig(
                """
                [plugins."io.containerd.grpc.v1.cri"]
                "x = 1\\n[plugins.evil]\\ny" = 3
                """))
        #expect(!config.contains("\n[plugins.evil]"))
        let written = try TOMLTable(string: config)
        let table = try #require(written.value(at: Self.cri)?.table)
        #expect(table["x = 1\n[plugins.evil]\ny"]?.int == 3)
        #expect(written.value(at: ["plugins", "evil"]) == nil)
        #expect(try await ContainerdConfigDump.run(config: config).result.succeeded)
    }

    @Test func controlCharactersInTOMLValuesAreEscaped() async throws {
        let node = try BadInputNode()
        let config = try await initialize(
            node,
            nodeConfig: BadInput.containerdConfig(
                "[plugins.'io.containerd.grpc.v1.cri']\nsandbox_image = \"\\u001B[2J\\u007F\\u2028\""))
        #expect(!config.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x7F })
        let written = try TOMLTable(string: config)
        #expect(written.value(at: Self.cri + ["sandbox_image"])?.tomlValue.string == "\u{1B}[2J\u{7F}\u{2028}")
    }

    @Test func quotesInABaseRuntimeSpecKeyStayInTheKey() async throws {
        let node = try BadInputNode()
        let key = "a\", \"process\": {\"noNewPrivileges\": false}, \"b\n"
        _ = try await initialize(
            node,
            nodeConfig: BadInput.nodeConfig(
                """
                  containerd:
                    baseRuntimeSpec:
                      "a\\", \\"process\\": {\\"noNewPrivileges\\": false}, \\"b\\n": 1

                """))
        let data = try Data(contentsOf: URL(fileURLWithPath: node.root + "/etc/containerd/base-runtime-spec.json"))
        let spec = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(spec[key] as? Int == 1)
        let process = try #require(spec["process"] as? [String: Any])
        #expect(process["noNewPrivileges"] as? Bool == true)
    }

    @Test func quotesInConfigPathStayInTheString() async throws {
        let node = try BadInputNode()
        let path = "/etc/containerd/certs.d\"x'y"
        let text = BadInput.mime([
            (
                "application/vnd.nodeprep+yaml",
                BadInput.mirrorConfig(BadInput.validMirrorSpec + "  configPath: \(path)\n")
            )
        ])
        let (result, _) = try await node.run(source: Array(text.utf8), delivery: .file)
        #expect(result.status == 0, "\(result.stderr)")
        let config = try TOMLTable(
            string: String(contentsOfFile: node.root + "/etc/containerd/config.toml", encoding: .utf8))
        #expect(config.value(at: Self.cri + ["registry", "config_path"])?.tomlValue.string == path)
        #expect(FileInspection.exists(node.root + path + "/docker.io/hosts.toml"))
    }

    @Test func hugeTOMLStringIsWrittenWholeOnOneLine() async throws {
        let node = try BadInputNode()
        let image = String(repeating: "a", count: 900_000)
        let config = try await initialize(
            node,
            nodeConfig: BadInput.containerdConfig(
                "[plugins.\"io.containerd.grpc.v1.cri\"]\nsandbox_image = \"\(image)\""))
        #expect(assignments(of: "sandbox_image", in: config).map(\.count) == ["sandbox_image = \"\(image)\"".count])
        #expect(try TOMLTable(string: config).value(at: Self.cri + ["sandbox_image"])?.tomlValue.string == image)
    }

    /// A symlink inside the certs folder is an entry like any other: moved into the backup as a
    /// symlink on the first run, never followed; what it points at is untouched.
    @Test func symlinkInsideTheCertsFolderIsMovedNotFollowed() async throws {
        let node = try BadInputNode()
        let registryFolder = node.root + "/etc/containerd/certs.d/docker.io"
        try FileManager.default.removeItem(atPath: registryFolder)
        try FileInspection.symlink(registryFolder, to: node.outside)
        let outsideBefore = try NodeTree.capture(node.outside)
        let result = try await node.runWithValidConfig()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try NodeTree.capture(node.outside) == outsideBefore)
        #expect(FileInspection.isSymlink(node.root + "/etc/containerd/certs.d/_backup/docker.io"))
        #expect(!FileInspection.isSymlink(registryFolder))
        #expect(FileInspection.exists(registryFolder + "/hosts.toml"))
    }
}
