/// Where the settings nodeprep manages live in each containerd config version.
///
/// Version 2 keeps everything in the `io.containerd.grpc.v1.cri` plugin; version 3 splits image
/// settings (`io.containerd.cri.v1.images`) from runtime settings (`io.containerd.cri.v1.runtime`).
public enum ContainerdConfigSchema: Int, Sendable, Hashable {
    case v2 = 2
    case v3 = 3

    static let v2Plugin = "io.containerd.grpc.v1.cri"
    static let v3Images = "io.containerd.cri.v1.images"
    static let v3Runtime = "io.containerd.cri.v1.runtime"

    /// `discard_unpacked_layers`: must be false for a peer mirror to serve the layers.
    var discardUnpackedLayers: [String] {
        switch self {
        case .v2: return ["plugins", Self.v2Plugin, "containerd", "discard_unpacked_layers"]
        case .v3: return ["plugins", Self.v3Images, "discard_unpacked_layers"]
        }
    }

    /// The registry table holding `config_path` (and the legacy `mirrors`).
    var registry: [String] {
        switch self {
        case .v2: return ["plugins", Self.v2Plugin, "registry"]
        case .v3: return ["plugins", Self.v3Images, "registry"]
        }
    }

    /// The table holding `default_runtime_name` and `runtimes`.
    var runtimeContainerd: [String] {
        switch self {
        case .v2: return ["plugins", Self.v2Plugin, "containerd"]
        case .v3: return ["plugins", Self.v3Runtime, "containerd"]
        }
    }

    /// The version a parsed config declares; a file without `version` is version 1, which nodeprep
    /// treats like 2 (fully qualified plugin names read the same).
    static func declared(by config: TOMLValue) -> ContainerdConfigSchema {
        if case .integer(let version)? = config[["version"]], version >= 3 { return .v3 }
        return .v2
    }

    /// Whether a TOML text uses version 3 plugin names (nodeadm's test, so templates match its choice).
    static func mentionsVersion3Plugins(_ text: String) -> Bool {
        text.contains(v3Images) || text.contains(v3Runtime)
    }
}
