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

    public init(base: String?, written: [String]) {
        self.base = base
        self.written = written
    }

    public init(parsing bytes: [UInt8]) throws {
        self = try JSONDecoder().decode(ContainerdConfigState.self, from: Data(bytes))
    }

    var file: PlannedFile {
        var members: [String: JSONValue] = ["written": .strings(written)]
        members["base"] = base.map(JSONValue.string) ?? .null
        return PlannedFile(path: Self.path, text: JSONValue.object(members).rendered() + "\n", mode: 0o600)
    }
}
