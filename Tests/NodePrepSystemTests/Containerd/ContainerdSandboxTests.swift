import NodePrepCore
import TOMLKit
import Testing

/// The harness's own promise, checked by containerd: a sandboxed config differs from the node's
/// config only in the keys that would touch the host, so a test daemon reads nodeprep's settings
/// exactly as a node would.
@Suite struct ContainerdSandboxTests {
    private static let cri = ["plugins", "io.containerd.grpc.v1.cri"]

    /// Each redirected key with the value the sandbox must give it (`dir` = sandbox folder,
    /// `node` = node root).
    private static func redirected(dir: String, node: String) -> [([String], String)] {
        [
            (["root"], "\(dir)/root"),
            (["state"], "\(dir)/state"),
            (["grpc", "address"], "\(dir)/containerd.sock"),
            (["ttrpc", "address"], "\(dir)/containerd.sock.ttrpc"),
            (["debug", "address"], ""),
            (["metrics", "address"], ""),
            (["plugins", "io.containerd.internal.v1.opt", "path"], "\(dir)/opt"),
            (cri + ["registry", "config_path"], "\(node)/etc/containerd/certs.d"),
            (
                cri + ["containerd", "runtimes", "runc", "base_runtime_spec"],
                "\(node)/etc/containerd/base-runtime-spec.json"
            ),
        ]
    }

    @Test func onlyHostFacingKeysChange() async throws {
        let original = HandWrittenNodeFiles.config(discardUnpackedLayers: true).text
        let sandbox = ContainerdSandbox(directory: "/tmp/sandbox")
        let sandboxed = try sandbox.apply(to: original, nodeRoot: "/tmp/node")

        let before = try await ContainerdConfigDump.run(config: original).loadedConfig()
        let after = try await ContainerdConfigDump.run(config: sandboxed).loadedConfig()

        for (path, expected) in Self.redirected(dir: "/tmp/sandbox", node: "/tmp/node") {
            #expect(after.value(at: path)?.string == expected, "\(path)")
            before.removeValue(at: path)
            after.removeValue(at: path)
        }
        // The dump lists the file it loaded under `imports`; the two files have different paths.
        before.removeValue(at: ["imports"])
        after.removeValue(at: ["imports"])
        #expect(
            before == after,
            "\(before.convert(to: .toml, options: []))\n---\n\(after.convert(to: .toml, options: []))")
        #expect(after.value(at: Self.cri + ["containerd", "discard_unpacked_layers"])?.bool == true)
    }

    /// Every `:`-separated folder of `config_path` moves under the node root; none is dropped.
    @Test func everyConfigPathFolderIsMapped() throws {
        let config = HandWrittenNodeFiles.config(registryConfigPath: "/etc/containerd/certs.d:/etc/docker/certs.d")
        let sandboxed = try ContainerdSandbox(directory: "/tmp/s").apply(to: config.text, nodeRoot: "/tmp/n")

        let table = try TOMLTable(string: sandboxed)
        #expect(
            table.value(at: Self.cri + ["registry", "config_path"])?.string
                == "/tmp/n/etc/containerd/certs.d:/tmp/n/etc/docker/certs.d")
    }
}
