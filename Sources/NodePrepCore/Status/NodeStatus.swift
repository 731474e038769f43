/// Judges an observed node: is the mirror nodeprep configured in effect in the containerd that
/// runs now? Pure: a ``NodeObservation`` in, a ``StatusReport`` out.
public enum NodeStatus {
    static let configPath = ContainerdConfigRenderer.configPath
    static let reapply = "`systemctl restart nodeprep` writes nodeprep's files again and restarts containerd"

    public static func judge(_ node: NodeObservation) -> StatusReport {
        var report = StatusReport(root: node.root)
        var problems: [StatusProblem] = []
        let record = judgeRunRecord(node, into: &report, problems: &problems)
        judgeConfigFile(node, into: &report, problems: &problems)
        judgeProcesses(node, into: &report, problems: &problems)
        judgeEffectiveSettings(node, expected: record?.mirror, into: &report, problems: &problems)
        judgeHostsFiles(node, expected: record?.mirror, into: &report, problems: &problems)
        report.problems = problems
        return report
    }

    private static func judgeRunRecord(
        _ node: NodeObservation, into report: inout StatusReport, problems: inout [StatusProblem]
    ) -> RunRecord? {
        switch node.runRecord {
        case .absent:
            problems.append(
                StatusProblem(
                    "nodeprep has no record of a run (\(RunRecord.path) is missing)",
                    action: "see `journalctl -u nodeprep` for why; \(reapply)"))
            return nil
        case .unreadable(let reason):
            problems.append(StatusProblem("\(RunRecord.path) cannot be read: \(reason)", action: reapply))
            return nil
        case .read(let record):
            report.lastRun = record
            report.lastRunThisBoot = node.bootedAt.map { record.finishedAt >= $0 }
            if record.mirror == nil {
                problems.append(
                    StatusProblem(
                        "nodeprep's last run found no MirrorConfig, so it configured no mirror",
                        action: "add a MirrorConfig part (application/vnd.nodeprep+yaml) to the user data or "
                            + "/etc/nodeprep/config.d/"
                    ))
            }
            return record
        }
    }

    private static func judgeConfigFile(
        _ node: NodeObservation, into report: inout StatusReport, problems: inout [StatusProblem]
    ) {
        switch node.config {
        case .absent:
            problems.append(StatusProblem("\(configPath) is missing", action: reapply))
        case .unreadable(let reason):
            problems.append(
                StatusProblem("\(configPath) cannot be read: \(reason)", action: "check the file's permissions"))
        case .read(let file):
            let origin = ConfigFileOrigin.classify(file.text, written: node.configState?.written ?? [])
            report.configOrigin = origin
            report.configModifiedAt = file.modifiedAt
            switch origin {
            case .nodeprep:
                break
            case _ where node.configState == nil:
                problems.append(
                    StatusProblem(
                        "\(configPath) is \(origin), not nodeprep's output: nodeprep has not written it",
                        action: reapply))
            case .editedNodeprepOutput:
                problems.append(
                    StatusProblem(
                        "\(configPath) was edited since nodeprep wrote it",
                        action: "`nodeprep init --dry-run` shows what nodeprep would write over the edit; "
                            + "`systemctl restart nodeprep` applies it (the edit is kept as the base)"))
            default:
                problems.append(
                    StatusProblem(
                        "\(configPath) was replaced since nodeprep wrote it (now \(origin))",
                        action: "\(reapply); find what rewrote it in `journalctl -b`"))
            }
        }
    }

    private static func judgeProcesses(
        _ node: NodeObservation, into report: inout StatusReport, problems: inout [StatusProblem]
    ) {
        guard !node.processes.isEmpty else {
            problems.append(
                StatusProblem(
                    "no containerd daemon runs on \(configPath)",
                    action: "start it with `systemctl start containerd`; `journalctl -u containerd` says why it stopped"
                ))
            return
        }
        let written = node.config.value?.modifiedAt
        for process in node.processes {
            // The kernel counts start times in clock ticks: a start inside the tick of the write
            // may have read the new file, so it counts as having read it.
            let readCurrent = written.map { process.startedAt + process.tick > $0 }
            report.processes.append(.init(process: process, readCurrentConfig: readCurrent))
            if readCurrent == false, let written {
                problems.append(
                    StatusProblem(
                        "containerd (pid \(process.pid)) started at \(Timestamp.text(process.startedAt)), before "
                            + "\(configPath) was last written at \(Timestamp.text(written)): it runs on an older file",
                        action: "restart it with `systemctl restart containerd`"))
            }
        }
    }

    private static func judgeEffectiveSettings(
        _ node: NodeObservation, expected: RunRecord.Mirror?, into report: inout StatusReport,
        problems: inout [StatusProblem]
    ) {
        let text: String
        switch node.dump {
        case .notRun(let reason):
            problems.append(
                StatusProblem(
                    "`containerd config dump` could not run: \(reason)", action: "check that containerd is installed"))
            return
        case .refused(let message):
            problems.append(
                StatusProblem(
                    "containerd refuses \(configPath): \(message)",
                    action: "containerd cannot start with this file; fix it or \(reapply)"))
            return
        case .loaded(let dump):
            text = dump
        }
        let settings: EffectiveMirrorSettings
        do {
            settings = try EffectiveMirrorSettings(dump: text, containerd: node.containerdVersion)
        } catch {
            problems.append(
                StatusProblem(
                    "`containerd config dump` printed TOML nodeprep cannot read (\(error))",
                    action: "compare `containerd config dump` with \(configPath) by hand"))
            return
        }
        report.effective = settings
        if settings.discardUnpackedLayers != false {
            let value = settings.discardUnpackedLayers.map(String.init) ?? "unset"
            problems.append(
                StatusProblem(
                    "containerd discards unpacked layers (\(settings.discardKey) = \(value)): "
                        + "peers cannot fetch layers from this node",
                    action: "it must be false; \(reapply)"))
        }
        let configPath = settings.configPath ?? ""
        if configPath.isEmpty {
            problems.append(
                StatusProblem(
                    "containerd has no registry config_path (\(settings.configPathKey)): it reads no hosts.toml",
                    action: reapply))
        } else if configPath.contains(":") {
            problems.append(
                StatusProblem(
                    "containerd's registry config_path names several folders (\"\(configPath)\"): "
                        + "containerd 2.1+ pulls through its transfer service, which reads none of them",
                    action: "it must be the mirror's one folder; \(reapply)"))
        } else if let expected, configPath != expected.configPath {
            problems.append(
                StatusProblem(
                    "containerd's registry config_path is \"\(configPath)\", "
                        + "but the mirror's hosts.toml files are in \(expected.configPath)",
                    action: reapply))
        }
    }

    private static func judgeHostsFiles(
        _ node: NodeObservation, expected: RunRecord.Mirror?, into report: inout StatusReport,
        problems: inout [StatusProblem]
    ) {
        guard let folders = node.hostsFolders else {
            if expected != nil {
                problems.append(StatusProblem("the mirror folder \(node.mirrorFolder) is missing", action: reapply))
            }
            return
        }
        let byName = Dictionary(folders.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let expectedNames = expected?.folders ?? []
        for name in expectedNames where byName[name] == nil {
            problems.append(StatusProblem("\(node.mirrorFolder)/\(name)/hosts.toml is missing", action: reapply))
        }
        for folder in folders {
            let path = "\(node.mirrorFolder)/\(folder.name)/hosts.toml"
            let isExpected = expectedNames.contains(folder.name)
            switch folder.hostsFile {
            case .absent:
                if isExpected {
                    problems.append(StatusProblem("\(path) is missing", action: reapply))
                }
            case .unreadable(let reason):
                problems.append(StatusProblem("\(path) cannot be read: \(reason)", action: reapply))
            case .read(let text):
                let check = HostsFileCheck(text: text)
                report.hostsFiles.append(.init(folder: folder.name, hosts: check.hosts, problems: check.problems))
                for problem in check.problems {
                    problems.append(
                        StatusProblem(
                            "\(path): \(problem): containerd skips the whole file and pulls from the registry itself",
                            action: isExpected ? "fix or remove that line (or: \(reapply))" : "fix or remove that line")
                    )
                }
                guard isExpected, check.problems.isEmpty, let expected else { continue }
                for target in expected.targets where !check.hosts.contains(target) {
                    problems.append(
                        StatusProblem(
                            "\(path) does not name the mirror host \(target)", action: reapply))
                }
            }
        }
    }
}
