import NodePrepCore
import TOMLKit
import Testing

/// What the real containerd (Debian bookworm 1.6.20) makes of config.toml files of nodeprep's
/// shape, asked through `containerd config dump`.
@Suite struct ContainerdConfigDumpTests {
    private static let cri = ["plugins", "io.containerd.grpc.v1.cri"]
    private static let discardKey = cri + ["containerd", "discard_unpacked_layers"]
    private static let configPathKey = cri + ["registry", "config_path"]

    /// The hand-written config with the flag quoted: a string where containerd wants a boolean.
    private static let quotedBoolean = HandWrittenNodeFiles.config()
        .replacing("discard_unpacked_layers = false", with: #"discard_unpacked_layers = "false""#).text

    /// Both values of the flag, because false is also containerd's default: only seeing each
    /// written value come back proves the key is read rather than defaulted.
    @Test(arguments: [false, true])
    func loadsDiscardUnpackedLayersAndRegistryConfigPath(discard: Bool) async throws {
        let config = HandWrittenNodeFiles.config(discardUnpackedLayers: discard).text
        let loaded = try await ContainerdConfigDump.run(config: config).loadedConfig()

        #expect(loaded.value(at: Self.discardKey)?.bool == discard)
        #expect(loaded.value(at: Self.configPathKey)?.string == "/etc/containerd/certs.d")
        #expect(loaded["version"]?.int == 2)
    }

    @Test func stockConfigHasNoRegistryConfigPath() async throws {
        let config = HandWrittenNodeFiles.config(registryConfigPath: nil).text
        let loaded = try await ContainerdConfigDump.run(config: config).loadedConfig()

        #expect(loaded.value(at: Self.configPathKey)?.string == "")
    }

    @Test func quotedBooleanIsRejected() async throws {
        let dump = try await ContainerdConfigDump.run(config: Self.quotedBoolean)

        #expect(dump.result.status == 1)
        #expect(dump.result.stderr.contains("Can't convert false(string) to bool"))
        #expect(dump.result.stdout.isEmpty)
    }

    /// containerd decodes a plugin's table only when the plugin is enabled: with the CRI plugin
    /// disabled, the same type error passes. A test of nodeprep's output must keep CRI enabled.
    @Test func typeErrorInDisabledPluginGoesUnnoticed() async throws {
        let config = #"disabled_plugins = ["io.containerd.grpc.v1.cri"]"# + "\n" + Self.quotedBoolean
        let dump = try await ContainerdConfigDump.run(config: config)

        #expect(dump.result.succeeded, "\(dump.result)")
    }

    /// A misspelled key is dropped without a warning and the default stays: why the tests assert
    /// each intended key's value in the dump instead of only checking that containerd accepted
    /// the file.
    @Test func misspelledKeyIsDroppedSilently() async throws {
        let config = HandWrittenNodeFiles.config(discardUnpackedLayers: true)
            .replacing("discard_unpacked_layers", with: "discard_unpacked_layer").text
        let dump = try await ContainerdConfigDump.run(config: config)
        let loaded = try dump.loadedConfig()

        #expect(dump.result.stderr.isEmpty)
        #expect(loaded.value(at: Self.discardKey)?.bool == false)
        #expect(loaded.value(at: Self.cri + ["containerd", "discard_unpacked_layer"]) == nil)
    }

    @Test func duplicatedTableIsRejected() async throws {
        let config =
            HandWrittenNodeFiles.config().text
            + "\n[plugins.\"io.containerd.grpc.v1.cri\".registry]\n  config_path = \"/elsewhere\"\n"
        let dump = try await ContainerdConfigDump.run(config: config)

        #expect(dump.result.status == 1)
        #expect(dump.result.stderr.contains("duplicated tables"))
    }
}
