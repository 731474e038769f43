/// What `nodeprep status` saw on the node, read once by the effects layer: files, `/proc`, and
/// what `containerd config dump` printed. ``NodeStatus/judge(_:)`` turns it into a report without
/// any I/O, so every verdict can be tested from a value.
public struct NodeObservation: Sendable, Equatable {
    /// A file that may be absent, unreadable, or read.
    public enum Read<Value: Sendable & Equatable>: Sendable, Equatable {
        case absent
        case unreadable(String)
        case read(Value)

        public var value: Value? {
            if case .read(let value) = self { return value }
            return nil
        }
    }

    /// `/etc/containerd/config.toml` as it is now.
    public struct ConfigFile: Sendable, Equatable {
        public var text: String
        /// Its modification time, in seconds since the Unix epoch.
        public var modifiedAt: Double

        public init(text: String, modifiedAt: Double) {
            self.text = text
            self.modifiedAt = modifiedAt
        }
    }

    /// A running containerd daemon that reads this node's config.toml.
    public struct ContainerdProcess: Sendable, Equatable {
        public var pid: Int32
        /// When the process started, in seconds since the Unix epoch, rounded down to the kernel's
        /// clock tick (`/proc/<pid>/stat` counts in ticks since boot).
        public var startedAt: Double
        /// The tick: the start lies in `startedAt ..< startedAt + tick`.
        public var tick: Double

        public init(pid: Int32, startedAt: Double, tick: Double) {
            self.pid = pid
            self.startedAt = startedAt
            self.tick = tick
        }
    }

    /// How `containerd config dump` ended.
    public enum ConfigDump: Sendable, Equatable {
        /// containerd loaded the file; its effective configuration as TOML.
        case loaded(String)
        /// containerd refused the file (its message).
        case refused(String)
        /// containerd could not be run (not installed, …).
        case notRun(String)
    }

    /// A folder below the mirror's `config_path` and its `hosts.toml`.
    public struct HostsFolder: Sendable, Equatable {
        public var name: String
        public var hostsFile: Read<String>

        public init(name: String, hostsFile: Read<String>) {
            self.name = name
            self.hostsFile = hostsFile
        }
    }

    /// The root the node's paths live under (`/`, or `--root DIR`), for the report.
    public var root: String
    /// When this boot began, in seconds since the Unix epoch.
    public var bootedAt: Double?
    public var runRecord: Read<RunRecord>
    /// nodeprep's record of the config.toml texts it wrote (`containerd-config.json`).
    public var configState: ContainerdConfigState?
    public var config: Read<ConfigFile>
    /// Every containerd daemon whose `--config` is this config.toml.
    public var processes: [ContainerdProcess]
    /// The installed containerd's version, when it could be read.
    public var containerdVersion: ContainerdVersion?
    public var dump: ConfigDump
    /// The folder listed: the mirror's `configPath` from the run record, else containerd's default.
    public var mirrorFolder: String
    /// Its registry folders (`_backup` and hidden entries left out); nil when the folder is absent.
    public var hostsFolders: [HostsFolder]?

    public init(
        root: String = "/", bootedAt: Double? = nil, runRecord: Read<RunRecord> = .absent,
        configState: ContainerdConfigState? = nil,
        config: Read<ConfigFile> = .absent, processes: [ContainerdProcess] = [],
        containerdVersion: ContainerdVersion? = nil, dump: ConfigDump = .notRun("not asked"),
        mirrorFolder: String = MirrorConfig.defaultConfigPath, hostsFolders: [HostsFolder]? = nil
    ) {
        self.root = root
        self.bootedAt = bootedAt
        self.runRecord = runRecord
        self.configState = configState
        self.config = config
        self.processes = processes
        self.containerdVersion = containerdVersion
        self.dump = dump
        self.mirrorFolder = mirrorFolder
        self.hostsFolders = hostsFolders
    }
}
