/// Renders `/etc/containerd/config.toml` and `/etc/containerd/base-runtime-spec.json`: the base config
/// (the node's own file, or nodeprep's template), the NodeConfig `containerd.config` merged over it,
/// then what a Spegel mirror needs. One complete file: nodeprep never relies on containerd `imports`,
/// whose merge rules differ between containerd versions (1.x replaces whole plugin tables).
public struct ContainerdConfigRenderer: Sendable {
    public static let configPath = "/etc/containerd/config.toml"

    /// The installed containerd, or nil when it could not be detected (then version 2 keys are used).
    public var version: ContainerdVersion?
    /// The current config.toml text, if the node has one.
    public var existingConfig: String?
    /// nodeprep's record from the last run, if any.
    public var state: ContainerdConfigState?
    public var runtime: ContainerdTemplate.Runtime
    /// The installed kubelet's version, for the template's `enable_cdi`; nil when unknown.
    public var kubelet: KubeletVersion?
    /// A runtime whose file is installed but not executable, passed over for ``runtime``; the
    /// template's warnings name it.
    public var unusableRuntime: ContainerdTemplate.Runtime?

    public init(
        version: ContainerdVersion?, existingConfig: String?, state: ContainerdConfigState?,
        runtime: ContainerdTemplate.Runtime = .runc, kubelet: KubeletVersion? = nil,
        unusableRuntime: ContainerdTemplate.Runtime? = nil
    ) {
        self.version = version
        self.existingConfig = existingConfig
        self.state = state
        self.runtime = runtime
        self.kubelet = kubelet
        self.unusableRuntime = unusableRuntime
    }

    public struct Output: Sendable, Equatable {
        public var files: [PlannedFile]
        public var warnings: [String]
        /// Where the base came from, for the log: "the existing /etc/containerd/config.toml" or
        /// "nodeprep's template (config version 3)".
        public var baseDescription: String
        /// The record `files` starts with, for the planner to complete.
        public var state: ContainerdConfigState
    }

    /// Why containerd's files cannot be planned; each case keeps what its message names.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The base (the node's config.toml, or nodeprep's recorded base) is not TOML.
        case baseIsNotTOML(TOMLParser.SyntaxError)
        /// The base is config version 3, and the installed containerd reads only version 2.
        case version3BaseForContainerd1(ContainerdVersion)
        /// `containerd.config` names version 3 plugins (`io.containerd.cri.v1.*`) but the config is
        /// version 2; `containerd` is the installed version when known.
        case version3PluginsInVersion2Config(containerd: ContainerdVersion?)

        public var description: String {
            let path = ContainerdConfigRenderer.configPath
            switch self {
            case .baseIsNotTOML(let error):
                return "\(path) is not valid TOML\(error.location): \(error.message)"
            case .version3BaseForContainerd1(let version):
                return "\(path) is config version 3, which containerd \(version) cannot read"
            case .version3PluginsInVersion2Config(let version):
                let reason = version.map { $0.major < 2 ? "; containerd \($0) reads only version 2" : "" } ?? ""
                return "containerd.config uses config version 3 plugin names (io.containerd.cri.v1.*) "
                    + "but the config is version 2" + reason
            }
        }
    }

    public func render(
        userConfig: ContainerdConfigTOML?, userBaseRuntimeSpec: JSONValue?, mirror: MirrorConfig?
    ) throws(Failure) -> Output {
        var warnings: [String] = []
        let baseText = Self.base(existingConfig: existingConfig, state: state)
        let schema: ContainerdConfigSchema
        var config: TOMLValue
        let baseDescription: String
        if let baseText {
            config = try parseBase(baseText)
            schema = ContainerdConfigSchema.declared(by: config)
            baseDescription = "the existing \(Self.configPath) (config version \(schema.rawValue))"
        } else {
            schema = templateSchema(userConfig: userConfig?.text)
            let enableCDI = ContainerdTemplate.enablesCDI(kubelet: kubelet)
            config = ContainerdTemplate(schema: schema, runtime: runtime, enableCDI: enableCDI).value
            baseDescription = "nodeprep's template (config version \(schema.rawValue))"
            if let unusableRuntime {
                warnings.append(
                    "\(unusableRuntime.binary) is not executable; the default runtime is \(runtime.name), "
                        + "not \(unusableRuntime.name) (nodeadm would choose \(unusableRuntime.name) "
                        + "because the file exists)")
            }
            if kubelet == nil {
                warnings.append(
                    "kubelet's version is unknown; enable_cdi = true, nodeadm's setting for kubelet 1.32 and later "
                        + "(--kubelet-version decides)")
            }
        }
        if version == nil {
            warnings.append(
                "containerd's version could not be detected; writing config version \(schema.rawValue) keys")
        }
        try checkCompatible(schema: schema, userConfig: userConfig?.text)
        if let userConfig {
            config.deepMerge(userConfig.table)
        }
        config.set(.integer(Int64(schema.rawValue)), at: ["version"])
        if let mirror {
            warnings += applyMirrorPrerequisites(mirror, schema: schema, to: &config)
        }
        var files: [PlannedFile] = []
        if baseText == nil || !(userBaseRuntimeSpec?.isEmptyObject ?? true) {
            files.append(BaseRuntimeSpec.file(merging: userBaseRuntimeSpec))
            pointDefaultRuntimeAtBaseSpec(schema: schema, in: &config)
        }
        let text = Self.header + config.renderedDocument()
        let written = [text] + (state?.written.prefix(1).filter { $0 != text } ?? [])
        let state = ContainerdConfigState(base: baseText, written: written)
        files.insert(state.file, at: 0)
        files.insert(PlannedFile(path: Self.configPath, text: text), at: 1)
        return Output(files: files, warnings: warnings, baseDescription: baseDescription, state: state)
    }

    static let header = """
        # Written by nodeprep at boot from this node's NodeConfig and MirrorConfig.
        # If you edit this file, your version becomes the base that nodeprep merges onto next time.


        """

    /// The node's file is the base unless it is exactly what nodeprep wrote last (then nodeprep's
    /// own earlier base is, so keys removed from user data go away); nil means the template.
    public static func base(existingConfig: String?, state: ContainerdConfigState?) -> String? {
        guard let existingConfig else { return nil }
        if let state, state.written.contains(existingConfig) {
            return state.base
        }
        return existingConfig
    }

    /// nodeadm's choice: version 3 for containerd 2.x unless the user's TOML is written with version 2
    /// plugin names (containerd 2.x migrates a version 2 file when it loads it).
    private func templateSchema(userConfig: String?) -> ContainerdConfigSchema {
        let native = version?.configSchema ?? .v2
        guard native == .v3, let userConfig, !userConfig.isEmpty else { return native }
        return ContainerdConfigSchema.mentionsVersion3Plugins(userConfig) ? .v3 : .v2
    }

    private func checkCompatible(schema: ContainerdConfigSchema, userConfig: String?) throws(Failure) {
        if let version, version.major < 2, schema == .v3 {
            throw .version3BaseForContainerd1(version)
        }
        if schema == .v2, let userConfig, ContainerdConfigSchema.mentionsVersion3Plugins(userConfig) {
            throw .version3PluginsInVersion2Config(containerd: version)
        }
    }

    /// `discard_unpacked_layers = false` so layers stay available to peers, and `config_path` set to the
    /// mirror's one folder: containerd 2.1+'s transfer service reads only a single folder (containerd
    /// #12415), and `mirrors` cannot be combined with `config_path`.
    private func applyMirrorPrerequisites(
        _ mirror: MirrorConfig, schema: ContainerdConfigSchema, to config: inout TOMLValue
    ) -> [String] {
        var warnings: [String] = []
        config.set(.bool(false), at: schema.discardUnpackedLayers)
        config.set(.string(mirror.configPath), at: schema.registry + ["config_path"])
        if var registry = config[schema.registry]?.table, registry.removeValue(forKey: "mirrors") != nil {
            config.set(.table(registry), at: schema.registry)
            warnings.append(
                "removed registry \"mirrors\" from config.toml: containerd refuses them together with config_path")
        }
        return warnings
    }

    /// The default runtime must name the base runtime spec file for it to take effect.
    private func pointDefaultRuntimeAtBaseSpec(schema: ContainerdConfigSchema, in config: inout TOMLValue) {
        let runtimeName: String
        if case .string(let name)? = config[schema.runtimeContainerd + ["default_runtime_name"]] {
            runtimeName = name
        } else {
            runtimeName = "runc"
        }
        let runtimePath = schema.runtimeContainerd + ["runtimes", runtimeName]
        config.set(.string(BaseRuntimeSpec.path), at: runtimePath + ["base_runtime_spec"])
        if config[runtimePath + ["runtime_type"]] == nil {
            config.set(.string("io.containerd.runc.v2"), at: runtimePath + ["runtime_type"])
        }
    }

    /// The node's config.toml (or nodeprep's recorded base), which no decoder has checked yet.
    private func parseBase(_ text: String) throws(Failure) -> TOMLValue {
        do {
            return try TOMLParser.parse(text)
        } catch {
            throw .baseIsNotTOML(error)
        }
    }
}
