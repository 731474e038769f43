/// Who wrote `/etc/containerd/config.toml`, as far as its content says.
///
/// nodeprep's own output is recognised exactly (its record of what it wrote); anything else is
/// recognised by the settings only its usual writers produce, read from the parsed TOML so that
/// quoting and layout do not matter.
public enum ConfigFileOrigin: Sendable, Equatable, CustomStringConvertible {
    /// Exactly what nodeprep wrote last.
    case nodeprep
    /// nodeprep's header is still there but the text differs: edited by hand or by a script.
    case editedNodeprepOutput
    /// nodeadm's template (EKS AL2023): its sandbox image and two-folder `config_path`.
    case nodeadmTemplate
    /// The file Debian's containerd package installs (CNI in `/usr/lib/cni`, nothing else).
    case debianPackageDefault
    /// `containerd config default` output: every plugin's table spelled out.
    case containerdDefault
    /// Something else.
    case unknown

    public var description: String {
        switch self {
        case .nodeprep: return "nodeprep's output"
        case .editedNodeprepOutput: return "nodeprep's output, edited since"
        case .nodeadmTemplate: return "nodeadm's template"
        case .debianPackageDefault: return "the Debian containerd package's default"
        case .containerdDefault: return "`containerd config default` output"
        case .unknown: return "written by another program"
        }
    }

    /// The first line of every config.toml nodeprep writes.
    static let nodeprepMarker = "# Written by nodeprep"

    public static func classify(_ text: String, written: [String]) -> ConfigFileOrigin {
        if written.contains(text) { return .nodeprep }
        if text.hasPrefix(nodeprepMarker) { return .editedNodeprepOutput }
        guard let config = try? TOMLParser.parse(text) else { return .unknown }
        let v2 = ["plugins", ContainerdConfigSchema.v2Plugin]
        let v3Images = ["plugins", ContainerdConfigSchema.v3Images]
        let sandbox = config[v2 + ["sandbox_image"]] ?? config[v3Images + ["pinned_images", "sandbox"]]
        let configPath =
            config[ContainerdConfigSchema.v2.registry + ["config_path"]]
            ?? config[ContainerdConfigSchema.v3.registry + ["config_path"]]
        if sandbox == .string(ContainerdTemplate.sandboxImage),
            configPath == .string(ContainerdTemplate.registryConfigPath)
        {
            return .nodeadmTemplate
        }
        if config[["plugins", "io.containerd.gc.v1.scheduler"]] != nil { return .containerdDefault }
        if config[v2 + ["cni", "bin_dir"]] == .string("/usr/lib/cni"), configPath == nil {
            return .debianPackageDefault
        }
        return .unknown
    }
}
