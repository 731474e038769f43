import NodePrepCore
import Testing

/// What a real containerd 1.6.20 daemon does when it boots from a node's files of nodeprep's
/// shape: which settings its CRI plugin ends up with, and which mistakes stop it.
@Suite struct ContainerdDaemonTests {
    /// The CRI plugin reports the loaded values through `Status` (what Spegel v0.6.0 checks at
    /// startup). Both flag values, because false is also the default.
    @Test(arguments: [false, true])
    func criReportsRegistrySettingsFromConfig(discard: Bool) async throws {
        try await ContainerdRig.with("cri-status") { rig in
            let node = try rig.makeNodeRoot(with: [
                HandWrittenNodeFiles.config(discardUnpackedLayers: discard),
                HandWrittenNodeFiles.baseRuntimeSpec(),
            ])
            let daemon = try await rig.startContainerd(nodeRoot: node.path)
            let loaded = try await daemon.cri.runtimeConfig()

            #expect(loaded.containerd.discardUnpackedLayers == discard)
            #expect(loaded.registry.configPath == node.hostPath("/etc/containerd/certs.d"))
        }
    }

    /// A type error in the CRI table is fatal at daemon start: containerd exits 1 before it
    /// serves, so a node with such a file runs no containers at all.
    @Test func quotedBooleanStopsTheDaemon() async throws {
        try await ContainerdRig.with("bad-type") { rig in
            let config = String(decoding: HandWrittenNodeFiles.config().contents, as: UTF8.self)
                .replacingOccurrences(of: "discard_unpacked_layers = false", with: #"discard_unpacked_layers = "false""#)
            let launch = try await rig.launchContainerd(config: config)

            guard case .exited(let result) = launch else {
                Issue.record("containerd started with a quoted boolean in the CRI table")
                return
            }
            #expect(result.status == 1)
            #expect(result.stderr.contains("Can't convert false(string) to bool"))
        }
    }

    /// A missing base runtime spec does not stop the daemon: only the CRI plugin fails to load,
    /// and containerd serves on without it. The kubelet then finds no CRI, which is why the spec
    /// must be written before containerd starts.
    @Test func missingBaseRuntimeSpecLeavesDaemonWithoutCRI() async throws {
        try await ContainerdRig.with("no-spec") { rig in
            let node = try rig.makeNodeRoot(with: [HandWrittenNodeFiles.config()])
            let config = String(decoding: HandWrittenNodeFiles.config().contents, as: UTF8.self)
            let launch = try await rig.launchContainerd(config: config, nodeRoot: node.path)

            guard case .serving(let daemon) = launch else {
                Issue.record("containerd did not serve: \(launch)")
                return
            }
            #expect(try await daemon.pluginStatus(type: "io.containerd.grpc.v1", id: "cri") == "error")
            #expect(daemon.log.contains("failed to load base OCI spec"))
        }
    }

    /// The same node with the spec written: the CRI plugin loads.
    @Test func writtenBaseRuntimeSpecLetsCRILoad() async throws {
        try await ContainerdRig.with("spec") { rig in
            let node = try rig.makeNodeRoot(with: [
                HandWrittenNodeFiles.config(), HandWrittenNodeFiles.baseRuntimeSpec(),
            ])
            let launch = try await rig.launchContainerd(
                config: String(decoding: HandWrittenNodeFiles.config().contents, as: UTF8.self),
                nodeRoot: node.path)

            guard case .serving(let daemon) = launch else {
                Issue.record("containerd did not serve: \(launch)")
                return
            }
            #expect(try await daemon.pluginStatus(type: "io.containerd.grpc.v1", id: "cri") == "ok")
        }
    }
}
