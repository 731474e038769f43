import Foundation
import NodePrepCore
import TOMLKit
import Testing

@testable import NodePrepSystem

/// `nodeprep init` from Karpenter-style user data served by a real IMDS on loopback, with the files
/// it writes checked by the real containerd: its config dump, and a CRI pull through the mirror
/// from a real registry.
@Suite(.serialized) struct InitEndToEndTests {
    static let nodeAddress = "10.23.45.67"

    static let userData = KarpenterStyleUserData.encoded([
        KarpenterStyleUserData.shellScript,
        KarpenterStyleUserData.userNodeConfig,
        KarpenterStyleUserData.mirrorConfig(targets: ["http://${NODE_IP}:30020"]),
        KarpenterStyleUserData.generatedNodeConfig,
    ])

    @Test func writesConfigContainerdLoadsWithTheMirrorSettings() async throws {
        let harness = try InitPipelineHarness(
            userData: Self.userData, serverOptions: ["--local-ipv4", Self.nodeAddress])
        let results = try await harness.pipeline().run()
        #expect(
            results.allSatisfy { if case .written = $0 { true } else if case .backedUp = $0 { true } else { false } })

        let config = try #require(try harness.read("/etc/containerd/config.toml"))
        let loaded = try await ContainerdConfigDump.run(config: config).loadedConfig()
        let cri = ["plugins", "io.containerd.grpc.v1.cri"]
        #expect(loaded.value(at: cri + ["containerd", "discard_unpacked_layers"])?.tomlValue.bool == false)
        #expect(loaded.value(at: cri + ["registry", "config_path"])?.tomlValue.string == "/etc/containerd/certs.d")
        #expect(loaded.value(at: cri + ["max_concurrent_downloads"])?.tomlValue.int == 7)
        #expect(
            loaded.value(at: cri + ["containerd", "runtimes", "runc", "base_runtime_spec"])?.tomlValue.string
                == "/etc/containerd/base-runtime-spec.json")

        let hosts = try #require(try harness.read("/etc/containerd/certs.d/docker.io/hosts.toml"))
        #expect(hosts.contains("[host.'http://\(Self.nodeAddress):30020']"))
        #expect(try harness.server.requestLog().filter { $0.hasPrefix("PUT /latest/api/token") }.count == 1)
        #expect(harness.notifier.notifications.contains { if case .ready = $0 { true } else { false } })
    }

    /// The seed case: Karpenter's part comes last with `process.rlimits`; the user's part set
    /// another key of the same spec. Both survive, over the default spec.
    @Test func baseRuntimeSpecKeepsBothPartsRlimitsFromTheLast() async throws {
        let harness = try InitPipelineHarness(
            userData: Self.userData, serverOptions: ["--local-ipv4", Self.nodeAddress])
        _ = try await harness.pipeline().run()
        let text = try #require(try harness.read("/etc/containerd/base-runtime-spec.json"))
        let spec = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let process = try #require(spec["process"] as? [String: Any])
        let rlimits = try #require(process["rlimits"] as? [[String: Any]])
        #expect(rlimits.count == 1)
        #expect(rlimits.first?["soft"] as? Int == 32768)
        #expect(rlimits.first?["hard"] as? Int == 65536)
        #expect(process["noNewPrivileges"] as? Bool == false)
        #expect(process["cwd"] as? String == "/")
    }

    @Test func theSameInputTwiceChangesNoFile() async throws {
        let harness = try InitPipelineHarness(
            userData: Self.userData, serverOptions: ["--local-ipv4", Self.nodeAddress])
        _ = try await harness.pipeline().run()
        let configPath = harness.root.path + "/etc/containerd/config.toml"
        let before = try FileManager.default.attributesOfItem(atPath: configPath)[.modificationDate] as? Date
        try await Task.sleep(for: .milliseconds(20))
        let second = try await harness.pipeline().run()
        #expect(second.allSatisfy { if case .unchanged = $0 { true } else { false } }, "\(second)")
        let after = try FileManager.default.attributesOfItem(atPath: configPath)[.modificationDate] as? Date
        #expect(before == after)
    }

    @Test func badInputNamesThePartAndLineAndWritesNothing() async throws {
        let broken = KarpenterStyleUserData.Part(
            contentType: "application/node.eks.aws",
            body: "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  containerd:\n    baseRuntimeSpc: {}\n")
        let userData = KarpenterStyleUserData.encoded([KarpenterStyleUserData.shellScript, broken])
        let harness = try InitPipelineHarness(userData: userData)
        let original = "version = 2\n"
        try FileManager.default.createDirectory(
            atPath: harness.root.path + "/etc/containerd", withIntermediateDirectories: true)
        try original.write(toFile: harness.root.path + "/etc/containerd/config.toml", atomically: true, encoding: .utf8)

        await #expect {
            _ = try await harness.pipeline().run()
        } throws: { error in
            guard let error = error as? NodePrepError, error.code == .invalidConfiguration else { return false }
            return error.diagnostics.map(\.description) == [
                "user-data part 2 (application/node.eks.aws) line 5:5: unknown field spec.containerd.baseRuntimeSpc"
            ]
        }
        #expect(try harness.read("/etc/containerd/config.toml") == original)
        #expect(FileInspection.names(inFolder: harness.fileSystem.hostPath("/etc/containerd")) == ["config.toml"])
        #expect(FileInspection.names(inFolder: harness.fileSystem.hostPath("/var/lib")) == nil)
    }

    /// Without version 2 keys in the user's TOML, containerd 2.x gets a version 3 config (with them,
    /// nodeprep keeps version 2, which containerd 2.x migrates when it loads the file).
    @Test func containerd2GetsVersion3Keys() async throws {
        let userData = KarpenterStyleUserData.encoded([
            KarpenterStyleUserData.mirrorConfig(targets: ["http://${NODE_IP}:30020"]),
            KarpenterStyleUserData.generatedNodeConfig,
        ])
        let harness = try InitPipelineHarness(userData: userData, serverOptions: ["--local-ipv4", Self.nodeAddress])
        _ = try await harness.pipeline(containerdVersion: "2.1.4").run()
        let config = try TOMLParser.parse(try #require(try harness.read("/etc/containerd/config.toml")))
        #expect(config[["version"]] == .integer(3))
        #expect(config[["plugins", "io.containerd.cri.v1.images", "discard_unpacked_layers"]] == .bool(false))
        #expect(
            config[["plugins", "io.containerd.cri.v1.images", "registry", "config_path"]]
                == .string("/etc/containerd/certs.d"))
    }

    /// The files init plans, booted in a real containerd: a CRI pull of a docker.io image succeeds
    /// only through the mirror the MirrorConfig named (the loopback registry at `${NODE_IP}:5000`).
    @Test func writtenMirrorServesTheFirstPull() async throws {
        let userData = KarpenterStyleUserData.encoded([
            KarpenterStyleUserData.mirrorConfig(targets: ["http://${NODE_IP}:5000"]),
            KarpenterStyleUserData.generatedNodeConfig,
        ])
        // Planned (and the IMDS server stopped) before the rig starts, so no child of the rig
        // shares a pipe with the server.
        let files = try await {
            let harness = try InitPipelineHarness(userData: userData, serverOptions: ["--local-ipv4", "127.0.0.1"])
            defer { harness.server.stop() }
            return try await harness.pipeline().plan().plan.files
        }()
        try await MirrorSetup.with("init-mirror") { mirror in
            #expect(mirror.registry.url == "http://127.0.0.1:5000")
            let (_, daemon) = try await mirror.boot(files)

            let loaded = try await daemon.cri.runtimeConfig()
            #expect(loaded.containerd.discardUnpackedLayers == false)
            #expect(loaded.registry.configPath.hasSuffix("/etc/containerd/certs.d"))
            let pulled = try await daemon.cri.pullImage("docker.io/library/nodeprep-probe:1")
            #expect((try? pulled.get()) != nil, "\(pulled)")
            try await mirror.expectPulledThroughMirror(
                "docker.io/library/nodeprep-probe:1", by: daemon, namespace: "k8s.io")
        }
    }

    /// The same generated hosts.toml used by `ctr images pull --hosts-dir`, with no config.toml
    /// involved: the pull works because of the hosts file alone.
    @Test func writtenHostsFileRoutesACtrPull() async throws {
        let userData = KarpenterStyleUserData.encoded([
            KarpenterStyleUserData.mirrorConfig(targets: ["http://${NODE_IP}:5000"], registries: []),
            KarpenterStyleUserData.generatedNodeConfig,
        ])
        let files = try await {
            let harness = try InitPipelineHarness(userData: userData, serverOptions: ["--local-ipv4", "127.0.0.1"])
            defer { harness.server.stop() }
            return try await harness.pipeline().plan().plan.files
        }()
        #expect(files.contains { $0.path == "/etc/containerd/certs.d/_default/hosts.toml" })
        try await MirrorSetup.with("init-ctr") { mirror in
            let (node, daemon) = try await mirror.boot(files)
            let hosts = node.hostPath("/etc/containerd/certs.d")
            let pull = try await daemon.ctr([
                "images", "pull", "--hosts-dir", hosts, "docker.io/library/nodeprep-probe:1",
            ])
            #expect(pull.succeeded, "\(pull)")
            try await mirror.expectPulledThroughMirror(
                "docker.io/library/nodeprep-probe:1", by: daemon, namespace: "default")
        }
    }
}
