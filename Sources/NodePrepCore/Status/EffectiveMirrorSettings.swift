/// The settings a peer mirror depends on, as containerd itself loaded them: read from
/// `containerd config dump` (imports applied, defaults filled in, migrated to the daemon's schema),
/// never from the file nodeprep wrote.
public struct EffectiveMirrorSettings: Sendable, Equatable {
    /// The loaded config's `version`.
    public var version: Int?
    /// The schema whose keys were read: 3 for containerd 2.x, 2 for 1.x.
    public var schema: ContainerdConfigSchema
    /// `discard_unpacked_layers`; nil when containerd did not report it.
    public var discardUnpackedLayers: Bool?
    /// Registry `config_path`; nil or "" when unset.
    public var configPath: String?

    public init(version: Int?, schema: ContainerdConfigSchema, discardUnpackedLayers: Bool?, configPath: String?) {
        self.version = version
        self.schema = schema
        self.discardUnpackedLayers = discardUnpackedLayers
        self.configPath = configPath
    }

    /// Reads the dump. The keys follow the daemon: containerd 2.x loads every file as version 3
    /// (`io.containerd.cri.v1.images`), 1.x only knows the version 2 CRI plugin and ignores
    /// version 3 tables. Without a known daemon version the dump's own `version` decides.
    public init(dump: String, containerd: ContainerdVersion?) throws(TOMLParser.SyntaxError) {
        let config = try TOMLParser.parse(dump)
        var version: Int?
        if case .integer(let number)? = config[["version"]] { version = Int(number) }
        let schema: ContainerdConfigSchema
        if let containerd {
            schema = containerd.major >= 2 ? .v3 : .v2
        } else {
            schema = (version ?? 2) >= 3 ? .v3 : .v2
        }
        var discard: Bool?
        if case .bool(let value)? = config[schema.discardUnpackedLayers] { discard = value }
        var configPath: String?
        if case .string(let value)? = config[schema.registry + ["config_path"]] { configPath = value }
        self.init(version: version, schema: schema, discardUnpackedLayers: discard, configPath: configPath)
    }

    /// The schema's key paths as containerd's documentation writes them, for problem lines.
    var discardKey: String { Self.keyText(schema.discardUnpackedLayers) }
    var configPathKey: String { Self.keyText(schema.registry + ["config_path"]) }

    private static func keyText(_ path: [String]) -> String {
        let table = (["plugins", "\"\(path[1])\""] + path.dropFirst(2).dropLast()).joined(separator: ".")
        return "[\(table)] \(path.last!)"
    }
}
