import Testing

@testable import NodePrepCore

/// The config.toml renderer: base choice, schema per containerd version, user TOML merge, mirror
/// prerequisites and the base runtime spec.
struct ContainerdConfigRendererTests {
    let mirror = MirrorConfig(targets: ["http://${NODE_IP}:30020"], configPath: "/etc/containerd/certs.d")

    func render(
        version: String? = "1.6.20", existing: String? = nil, state: ContainerdConfigState? = nil,
        user: String? = nil, spec: JSONValue? = nil, mirror: MirrorConfig? = nil
    ) throws -> (config: TOMLValue, output: ContainerdConfigRenderer.Output) {
        let renderer = ContainerdConfigRenderer(
            version: version.flatMap(ContainerdVersion.init(parsing:)), existingConfig: existing, state: state)
        let userConfig = try user.map(ContainerdConfigTOML.init(parsing:))
        let output = try renderer.render(userConfig: userConfig, userBaseRuntimeSpec: spec, mirror: mirror)
        let configFile = try #require(output.files.first { $0.path == "/etc/containerd/config.toml" })
        return (try TOMLParser.parse(String(decoding: configFile.contents, as: UTF8.self)), output)
    }

    @Test func containerd1WithoutConfigGetsTheVersion2Template() throws {
        let (config, output) = try render(
            version: "containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1")
        #expect(config[["version"]] == .integer(2))
        #expect(
            config[["plugins", "io.containerd.grpc.v1.cri", "containerd", "discard_unpacked_layers"]] == .bool(true))
        #expect(
            config[["plugins", "io.containerd.grpc.v1.cri", "sandbox_image"]]
                == .string("localhost/kubernetes/pause:latest"))
        #expect(
            config[["plugins", "io.containerd.grpc.v1.cri", "containerd", "runtimes", "runc", "base_runtime_spec"]]
                == .string("/etc/containerd/base-runtime-spec.json"))
        #expect(output.files.map(\.path).contains("/etc/containerd/base-runtime-spec.json"))
    }

    @Test func containerd2WithoutConfigGetsTheVersion3Template() throws {
        let (config, _) = try render(version: "v2.1.4")
        #expect(config[["version"]] == .integer(3))
        #expect(config[["plugins", "io.containerd.cri.v1.images", "discard_unpacked_layers"]] == .bool(true))
        #expect(
            config[["plugins", "io.containerd.cri.v1.images", "pinned_images", "sandbox"]]
                == .string("localhost/kubernetes/pause:latest"))
        #expect(
            config[["plugins", "io.containerd.cri.v1.runtime", "containerd", "default_runtime_name"]] == .string("runc")
        )
        #expect(config[["plugins", "io.containerd.grpc.v1.cri"]] == nil)
    }

    @Test func containerd2WithVersion2UserKeysUsesTheVersion2Template() throws {
        let user = "[plugins.\"io.containerd.grpc.v1.cri\".containerd]\nsnapshotter = \"overlayfs\"\n"
        let (config, _) = try render(version: "2.0.5", user: user)
        #expect(config[["version"]] == .integer(2))
        #expect(config[["plugins", "io.containerd.grpc.v1.cri", "containerd", "snapshotter"]] == .string("overlayfs"))
    }

    @Test func undetectableVersionFallsBackToVersion2WithAWarning() throws {
        let (config, output) = try render(version: nil)
        #expect(config[["version"]] == .integer(2))
        #expect(output.warnings.contains { $0.contains("could not be detected") })
    }

    @Test func version3UserKeysOnContainerd1AreRefused() {
        let user = "[plugins.'io.containerd.cri.v1.images']\ndiscard_unpacked_layers = false\n"
        #expect(throws: ContainerdConfigRenderer.Failure.self) { try render(version: "1.7.20", user: user) }
    }

    /// containerd's build information may tell only the major version: enough for the schema,
    /// and the messages say "2.x" rather than a made-up "2.0.0".
    @Test func majorOnlyVersionChoosesTheSchemaWithoutAWarning() throws {
        let renderer = ContainerdConfigRenderer(
            version: .majorOnly(2), existingConfig: nil, state: nil, kubelet: KubeletVersion(major: 1, minor: 33))
        let output = try renderer.render(userConfig: nil, userBaseRuntimeSpec: nil, mirror: nil)
        #expect(output.baseDescription == "nodeprep's template (config version 3)")
        #expect(output.warnings.isEmpty)
    }

    @Test func majorOnlyContainerd1RefusesAVersion3ConfigByItsMajorVersion() {
        let renderer = ContainerdConfigRenderer(version: .majorOnly(1), existingConfig: "version = 3\n", state: nil)
        let error = #expect(throws: ContainerdConfigRenderer.Failure.version3BaseForContainerd1(.majorOnly(1))) {
            try renderer.render(userConfig: nil, userBaseRuntimeSpec: nil, mirror: nil)
        }
        #expect(
            error?.description == "/etc/containerd/config.toml is config version 3, which containerd 1.x cannot read")
    }

    @Test func existingConfigIsTheBaseAndUserTOMLMergesDeeply() throws {
        let existing = """
            version = 2
            [plugins."io.containerd.grpc.v1.cri".cni]
            bin_dir = "/usr/lib/cni"
            conf_dir = "/etc/cni/net.d"
            """
        let user = "[plugins.\"io.containerd.grpc.v1.cri\".cni]\nconf_dir = \"/etc/cni/custom.d\"\n"
        let (config, output) = try render(existing: existing, user: user)
        #expect(config[["plugins", "io.containerd.grpc.v1.cri", "cni", "bin_dir"]] == .string("/usr/lib/cni"))
        #expect(config[["plugins", "io.containerd.grpc.v1.cri", "cni", "conf_dir"]] == .string("/etc/cni/custom.d"))
        #expect(output.baseDescription.contains("existing"))
        // No template settings sneak in, and no base runtime spec without a user spec.
        #expect(config[["plugins", "io.containerd.grpc.v1.cri", "sandbox_image"]] == nil)
        #expect(!output.files.map(\.path).contains("/etc/containerd/base-runtime-spec.json"))
    }

    @Test func mirrorPrerequisitesForVersion2() throws {
        let existing = """
            version = 2
            [plugins."io.containerd.grpc.v1.cri".registry]
            config_path = "/etc/containerd/certs.d:/etc/docker/certs.d"
            [plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]
            endpoint = ["https://mirror.example"]
            """
        let user = "[plugins.\"io.containerd.grpc.v1.cri\".containerd]\ndiscard_unpacked_layers = true\n"
        let (config, output) = try render(existing: existing, user: user, mirror: mirror)
        #expect(
            config[["plugins", "io.containerd.grpc.v1.cri", "containerd", "discard_unpacked_layers"]] == .bool(false))
        #expect(
            config[["plugins", "io.containerd.grpc.v1.cri", "registry", "config_path"]]
                == .string("/etc/containerd/certs.d"))
        #expect(config[["plugins", "io.containerd.grpc.v1.cri", "registry", "mirrors"]] == nil)
        #expect(output.warnings.contains { $0.contains("mirrors") })
    }

    @Test func mirrorPrerequisitesForVersion3UseOneFolder() throws {
        var custom = mirror
        custom.configPath = "/etc/containerd/mirrors.d"
        let (config, _) = try render(version: "2.2.0", mirror: custom)
        #expect(config[["plugins", "io.containerd.cri.v1.images", "discard_unpacked_layers"]] == .bool(false))
        #expect(
            config[["plugins", "io.containerd.cri.v1.images", "registry", "config_path"]]
                == .string("/etc/containerd/mirrors.d"))
    }

    @Test func userBaseRuntimeSpecOnAnExistingConfigNamesTheSpecFile() throws {
        let existing =
            "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".containerd]\ndefault_runtime_name = \"crun\"\n"
        let spec = JSONValue.object(["process": .object(["rlimits": .array([])])])
        let (config, output) = try render(existing: existing, spec: spec)
        let runtime = ["plugins", "io.containerd.grpc.v1.cri", "containerd", "runtimes", "crun"]
        #expect(config[runtime + ["base_runtime_spec"]] == .string("/etc/containerd/base-runtime-spec.json"))
        #expect(config[runtime + ["runtime_type"]] == .string("io.containerd.runc.v2"))
        let specFile = try #require(output.files.first { $0.path == "/etc/containerd/base-runtime-spec.json" })
        #expect(String(decoding: specFile.contents, as: UTF8.self).contains("\"rlimits\": []"))
    }

    @Test func aKeyRemovedFromUserDataDisappearsAtTheNextBoot() throws {
        let existing = "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".cni]\nbin_dir = \"/usr/lib/cni\"\n"
        let firstBoot = try render(existing: existing, user: "oom_score = -999\n")
        #expect(firstBoot.config[["oom_score"]] == .integer(-999))
        let state = try stateRecord(firstBoot.output)
        let writtenText = try configText(firstBoot.output)
        let secondBoot = try render(existing: writtenText, state: state, user: nil)
        #expect(secondBoot.config[["oom_score"]] == nil)
        #expect(
            secondBoot.config[["plugins", "io.containerd.grpc.v1.cri", "cni", "bin_dir"]] == .string("/usr/lib/cni"))
    }

    @Test func aFileRewrittenByAnotherToolBecomesTheNewBase() throws {
        let firstBoot = try render(existing: "version = 2\n", user: "oom_score = -999\n")
        let state = try stateRecord(firstBoot.output)
        let rewritten = "version = 2\nroot = \"/data/containerd\"\n"
        let secondBoot = try render(existing: rewritten, state: state, user: nil)
        #expect(secondBoot.config[["root"]] == .string("/data/containerd"))
        #expect(secondBoot.config[["oom_score"]] == nil)
    }

    @Test func theSameInputTwiceRendersTheSameBytes() throws {
        let first = try render(existing: "version = 2\n", user: "oom_score = 1\n", mirror: mirror)
        let second = try render(
            existing: try configText(first.output), state: try stateRecord(first.output), user: "oom_score = 1\n",
            mirror: mirror)
        #expect(first.output.files == second.output.files)
    }

    @Test func invalidExistingConfigIsAnErrorNamingTheFile() {
        #expect {
            try render(existing: "version = = 2\n")
        } throws: { error in
            "\(error)".contains("/etc/containerd/config.toml is not valid TOML at line 1:")
        }
    }

    func stateRecord(_ output: ContainerdConfigRenderer.Output) throws -> ContainerdConfigState {
        let file = try #require(output.files.first { $0.path == ContainerdConfigState.path })
        return try ContainerdConfigState(parsing: file.contents)
    }

    func configText(_ output: ContainerdConfigRenderer.Output) throws -> String {
        let file = try #require(output.files.first { $0.path == "/etc/containerd/config.toml" })
        return String(decoding: file.contents, as: UTF8.self)
    }
}
