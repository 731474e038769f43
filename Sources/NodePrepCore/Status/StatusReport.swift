/// The answer of `nodeprep status`: what nodeprep did last, what the node holds and runs now, and
/// every problem that keeps the mirror from working. Rendered as a short text or as JSON.
public struct StatusReport: Sendable, Equatable {
    /// A containerd daemon and whether it can have read the current config.toml.
    public struct Process: Sendable, Equatable {
        public var process: NodeObservation.ContainerdProcess
        /// nil when config.toml is missing.
        public var readCurrentConfig: Bool?
    }

    /// A `hosts.toml` as containerd reads it.
    public struct HostsFile: Sendable, Equatable {
        public var folder: String
        public var hosts: [String]
        public var problems: [String]
    }

    public var root: String
    public var lastRun: RunRecord?
    /// Whether the last run was in this boot; nil when the boot time is unknown.
    public var lastRunThisBoot: Bool?
    public var configOrigin: ConfigFileOrigin?
    public var configModifiedAt: Double?
    public var processes: [Process] = []
    public var effective: EffectiveMirrorSettings?
    public var hostsFiles: [HostsFile] = []
    public var problems: [StatusProblem] = []

    init(root: String) {
        self.root = root
    }

    /// True when nothing is wrong: containerd runs on nodeprep's file with the mirror settings.
    public var mirrorEffective: Bool { problems.isEmpty }

    /// The journal line when the mirror is in effect: `mirror effective: containerd (pid 812) runs
    /// on nodeprep's config.toml (discard_unpacked_layers = false, config_path = …); …`.
    public var effectiveSummary: String {
        let pids = processes.map { "\($0.process.pid)" }.joined(separator: ", ")
        let hosts = Set(hostsFiles.flatMap(\.hosts)).sorted().joined(separator: ", ")
        let folders = hostsFiles.map(\.folder).joined(separator: ", ")
        return "mirror effective: containerd (pid \(pids)) runs on nodeprep's config.toml "
            + "(discard_unpacked_layers = false, config_path = \(effective?.configPath ?? "")); "
            + "hosts.toml for \(folders) name \(hosts)"
    }

    /// The text `nodeprep status` prints: one line per fact, then one per problem.
    public var text: String {
        var lines: [String] = []
        if root != "/" { lines.append("root:        \(root)") }
        if let run = lastRun {
            let boot = lastRunThisBoot.map { $0 ? " (this boot)" : " (an earlier boot)" } ?? ""
            lines.append(
                "last run:    \(Timestamp.text(run.finishedAt))\(boot) from \(run.sources.joined(separator: ", "))")
            let changed = run.files.filter { $0.outcome != "unchanged" }.map { "\($0.outcome) \($0.path)" }
            let unchanged = run.files.count - changed.count
            for line in changed + (unchanged > 0 ? ["\(unchanged) files unchanged"] : []) {
                lines.append("             \(line)")
            }
        } else {
            lines.append("last run:    no record")
        }
        if let origin = configOrigin, let modified = configModifiedAt {
            lines.append("config.toml: \(origin), modified \(Timestamp.text(modified))")
        } else {
            lines.append("config.toml: missing")
        }
        if processes.isEmpty { lines.append("containerd:  not running") }
        for entry in processes {
            let verdict =
                entry.readCurrentConfig.map { $0 ? "after config.toml was written" : "BEFORE config.toml was written" }
                ?? ""
            let started = Timestamp.text(entry.process.startedAt)
            lines.append("containerd:  running, pid \(entry.process.pid), started \(started) \(verdict)")
        }
        if let effective {
            let discard = effective.discardUnpackedLayers.map(String.init) ?? "unset"
            lines.append(
                "effective:   version \(effective.version.map(String.init) ?? "unset"), "
                    + "discard_unpacked_layers = \(discard), config_path = \"\(effective.configPath ?? "")\"")
        }
        for file in hostsFiles {
            let hosts = file.hosts.isEmpty ? "no hosts" : file.hosts.joined(separator: ", ")
            lines.append(
                "hosts.toml:  \(file.folder): \(hosts)\(file.problems.isEmpty ? "" : " (refused by containerd)")")
        }
        lines += problems.map { "problem: \($0)" }
        lines.append(
            mirrorEffective
                ? "mirror effective"
                : "mirror NOT effective: \(problems.count) problem\(problems.count == 1 ? "" : "s")")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as JSON (`nodeprep status -o json`).
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "root": .string(root),
            "mirrorEffective": .bool(mirrorEffective),
            "problems": .array(
                problems.map { .object(["finding": .string($0.finding), "action": .string($0.action)]) }),
            "containerd": .object([
                "running": .bool(!processes.isEmpty),
                "processes": .array(
                    processes.map { entry in
                        .object([
                            "pid": .integer(Int64(entry.process.pid)),
                            "startedAt": .string(Timestamp.text(entry.process.startedAt)),
                            "readCurrentConfig": entry.readCurrentConfig.map(JSONValue.bool) ?? .null,
                        ])
                    }),
            ]),
            "hostsFiles": .array(
                hostsFiles.map { file in
                    .object([
                        "folder": .string(file.folder), "hosts": .strings(file.hosts),
                        "problems": .strings(file.problems),
                    ])
                }),
        ]
        members["lastRun"] =
            lastRun.map { run in
                .object([
                    "finishedAt": .string(Timestamp.text(run.finishedAt)),
                    "thisBoot": lastRunThisBoot.map(JSONValue.bool) ?? .null,
                    "sources": .strings(run.sources),
                    "files": .array(
                        run.files.map { .object(["path": .string($0.path), "outcome": .string($0.outcome)]) }),
                    "containerd": run.containerd.map(JSONValue.string) ?? .null,
                ])
            } ?? .null
        members["config"] =
            configOrigin.map { origin in
                .object([
                    "origin": .string("\(origin)"),
                    "modifiedAt": configModifiedAt.map { .string(Timestamp.text($0)) } ?? .null,
                ])
            } ?? .null
        members["effective"] =
            effective.map { settings in
                .object([
                    "version": settings.version.map { .integer(Int64($0)) } ?? .null,
                    "discardUnpackedLayers": settings.discardUnpackedLayers.map(JSONValue.bool) ?? .null,
                    "configPath": settings.configPath.map(JSONValue.string) ?? .null,
                ])
            } ?? .null
        return .object(members)
    }
}
