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
            let daemon = try await rig.startContainerd(node: node)
            let loaded = try await daemon.cri.runtimeConfig()

            #expect(loaded.containerd.discardUnpackedLayers == discard)
            #expect(loaded.registry.configPath == node.hostPath("/etc/containerd/certs.d"))
        }
    }

    /// A type error in the CRI table is fatal at daemon start: containerd exits 1 before it
    /// serves, so a node with such a file runs no containers at all.
    @Test func quotedBooleanStopsTheDaemon() async throws {
        try await ContainerdRig.with("bad-type") { rig in
            let config = HandWrittenNodeFiles.config()
                .replacing("discard_unpacked_layers = false", with: #"discard_unpacked_layers = "false""#)
            let launch = try await rig.launchContainerd(config: config.text)

            guard case .exited(let result) = launch else {
                Issue.record("containerd started with a quoted boolean in the CRI table")
                return
            }
            #expect(result.status == 1)
            #expect(result.stderr.contains("Can't convert false(string) to bool"))
        }
    }

    /// Without the base runtime spec the config names, the daemon still serves but its CRI
    /// plugin fails to load, so the kubelet finds no runtime: the spec must be written before
    /// containerd starts. With the spec, CRI loads.
    @Test(arguments: [true, false])
    func criLoadsOnlyWithBaseRuntimeSpec(specWritten: Bool) async throws {
        try await ContainerdRig.with("spec") { rig in
            let spec = specWritten ? [HandWrittenNodeFiles.baseRuntimeSpec()] : []
            let node = try rig.makeNodeRoot(with: [HandWrittenNodeFiles.config()] + spec)
            let launch = try await rig.launchContainerd(node: node)

            guard case .serving(let daemon) = launch else {
                Issue.record("containerd did not serve: \(launch)")
                return
            }
            let cri = try await daemon.pluginStatus(type: "io.containerd.grpc.v1", id: "cri")
            #expect(cri == (specWritten ? "ok" : "error"))
            #expect(daemon.log.contains("failed to load base OCI spec") == !specWritten)
        }
    }
}
