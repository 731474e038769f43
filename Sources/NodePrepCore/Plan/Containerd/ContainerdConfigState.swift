import FoundationEssentials

/// What nodeprep remembers between boots about config.toml (`/var/lib/nodeprep/containerd-config.json`):
/// the base it merged onto, and what it wrote.
///
/// This is what makes a key removed from user data disappear at the next boot: if config.toml is
/// still what nodeprep wrote, the old base is used again, not the file with last boot's user keys in
/// it. If anything else rewrote config.toml since (an image build, nodeadm), that file is the new base.
public struct ContainerdConfigState: Sendable, Equatable, Codable {
    public static let path = "/var/lib/nodeprep/containerd-config.json"

    /// The base config.toml text, or nil when the base was nodeprep's template.
    public var base: String?
    /// The texts nodeprep wrote most recently (the newest first). Two are kept so that a run cut off
    /// between saving this record and replacing config.toml still recognises the file it left.
    public var written: [String]
    /// What nodeprep last wrote to base-runtime-spec.json, when there was no such file before
    /// nodeprep's first write of it; nil when the file was someone else's or never written.
    /// `nodeprep clean` removes the file only in the first case.
    public var createdRuntimeSpec: String?
    /// The mirror folder nodeprep set up last, if any.
    public var mirror: MirrorRecord?

    /// What `nodeprep clean` needs to know about the mirror folder.
    public struct MirrorRecord: Sendable, Equatable, Codable {
        /// The registry `config_path` folder.
        public var configPath: String
        /// Whether nodeprep moved the folder's first contents into `_backup` (then clean moves them back).
        public var createdBackup: Bool
        /// The node paths of the files nodeprep wrote there.
        public var files: [String]

        public init(configPath: String, createdBackup: Bool, files: [String]) {
            self.configPath = configPath
            self.createdBackup = createdBackup
            self.files = files
        }
    }

    public init(base: String?, written: [String], createdRuntimeSpec: String? = nil, mirror: MirrorRecord? = nil) {
        self.base = base
        self.written = written
        self.createdRuntimeSpec = createdRuntimeSpec
        self.mirror = mirror
    }

    public init(parsing bytes: [UInt8]) throws {
        self = try JSONDecoder().decode(ContainerdConfigState.self, from: Data(bytes))
    }

    public var file: PlannedFile {
        var members: [String: JSONValue] = ["written": .strings(written)]
        members["base"] = base.map(JSONValue.string) ?? .null
        if let createdRuntimeSpec { members["createdRuntimeSpec"] = .string(createdRuntimeSpec) }
        if let mirror {
            members["mirror"] = .object([
                "configPath": .string(mirror.configPath), "createdBackup": .bool(mirror.createdBackup),
                "files": .strings(mirror.files),
            ])
        }
        return PlannedFile(path: Self.path, text: JSONValue.object(members).rendered() + "\n", mode: 0o600)
    }
}
