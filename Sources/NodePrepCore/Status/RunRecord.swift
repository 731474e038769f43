import FoundationEssentials

/// nodeprep's account of its last `init` run (`/var/lib/nodeprep/last-run.json`), kept so that
/// `nodeprep status` can say when the node was configured, from what, and what the mirror files
/// must contain, without asking IMDS again.
///
/// It is written after `READY=1`, so it never delays containerd, and it is only a record: `init`
/// never reads it. Older nodeprep versions did not write it; `status` then says so.
public struct RunRecord: Sendable, Equatable, Codable {
    public static let path = "/var/lib/nodeprep/last-run.json"

    /// When the run finished writing, in seconds since the Unix epoch.
    public var finishedAt: Double
    /// The configuration sources, as given (`file:///etc/nodeprep/config.d/`, `imds://user-data`).
    public var sources: [String]
    /// What happened to each file, in plan order.
    public var files: [File]
    /// The containerd the config was written for (`containerd 1.6.20 (from its build information)`).
    public var containerd: String?
    /// The mirror the run configured; nil when there was no MirrorConfig.
    public var mirror: Mirror?

    public struct File: Sendable, Equatable, Codable {
        public var path: String
        /// `written`, `unchanged`, `removed`, … (the words of the log lines).
        public var outcome: String

        public init(path: String, outcome: String) {
            self.path = path
            self.outcome = outcome
        }
    }

    /// What the mirror's files must say, with `${NODE_IP}` already replaced.
    public struct Mirror: Sendable, Equatable, Codable {
        /// The one folder containerd's registry `config_path` must name.
        public var configPath: String
        /// The registry folders below it (`_default`, `docker.io`, `ghcr.io:5000`).
        public var folders: [String]
        /// The mirror hosts every folder's `hosts.toml` must name, in order.
        public var targets: [String]

        public init(configPath: String, folders: [String], targets: [String]) {
            self.configPath = configPath
            self.folders = folders
            self.targets = targets
        }
    }

    public init(
        finishedAt: Double, sources: [String], files: [File], containerd: String?, mirror: Mirror?
    ) {
        self.finishedAt = finishedAt
        self.sources = sources
        self.files = files
        self.containerd = containerd
        self.mirror = mirror
    }

    public init(parsing bytes: [UInt8]) throws {
        self = try JSONDecoder().decode(RunRecord.self, from: Data(bytes))
    }

    /// The record as the file nodeprep writes (0600, like the rest of `/var/lib/nodeprep`).
    public var file: PlannedFile {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let bytes = (try? encoder.encode(self)).map(Array.init) ?? Array("{}".utf8)
        return PlannedFile(path: Self.path, contents: bytes + [UInt8(ascii: "\n")], mode: 0o600)
    }
}
