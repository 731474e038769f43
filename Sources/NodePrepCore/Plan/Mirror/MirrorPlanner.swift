/// Plans the files Spegel's `configuration` command writes under containerd's registry
/// `config_path`, so a node can use its Spegel mirror from the first image pull at boot, before
/// Spegel's own init container could run.
///
/// The end state is Spegel's: what the folder held before the first setup lives on in `_backup`
/// (kept forever, so Spegel's cleanup hook can restore it); beside it there is exactly one
/// `<registry>/hosts.toml` per mirrored registry, plus, with prependExisting, the other files of the
/// registry's backed-up folder (certificates its old hosts refer to).
///
/// Where this differs from Spegel, on purpose:
/// - Spegel deletes every entry but `_backup` and writes everything anew. The plan removes only
///   what the end state does not contain and writes the rest; the writer skips files whose bytes
///   are already right. The end state is the same, but a second run with the same input changes
///   no file, and containerd never sees a moment without `hosts.toml`.
/// - With prependExisting, a backed-up host that is also a mirror target is not appended again.
///   Spegel appends it, and containerd refuses a `hosts.toml` that defines a host table twice:
///   it silently ignores the whole file, mirror included.
/// - Two registries sharing a folder, or duplicate targets, are errors rather than a silently
///   overwritten file or a file containerd rejects.
public enum MirrorPlanner {
    /// The steps that bring `config.configPath` to the mirror setup.
    ///
    /// - Parameters:
    ///   - nodeAddress: the node's IPv4 or IPv6 address, replacing `${NODE_IP}` (IPv6 in brackets:
    ///     `http://[fd00::5]:30020`). Only needed, and only checked, when a URL uses the placeholder.
    ///   - existing: what the folder holds now.
    /// - Throws: `MirrorPlanError` for settings `MirrorConfigValidator` refuses, or a state of the
    ///   folder the plan cannot handle safely. The checks run here too, so no unchecked value ever
    ///   reaches a path or a TOML string.
    public static func plan(
        _ config: MirrorConfig, nodeAddress: String?, existing: CertsDirectorySnapshot
    ) throws(MirrorPlanError) -> Plan {
        try planWithLayout(config, nodeAddress: nodeAddress, existing: existing).plan
    }

    /// ``plan(_:nodeAddress:existing:)`` and, from the same validated settings, the registry folders
    /// and mirror targets it writes (`${NODE_IP}` replaced): what every `hosts.toml` must name,
    /// recorded for `nodeprep status`.
    public static func planWithLayout(
        _ config: MirrorConfig, nodeAddress: String?, existing: CertsDirectorySnapshot
    ) throws(MirrorPlanError) -> (plan: Plan, layout: RunRecord.Mirror) {
        let (parsed, targets, folders, nodeHost) = try resolve(config, nodeAddress: nodeAddress)
        if let unsafePath = existing.firstUnsafePath { throw .unsafeSnapshotPath(unsafePath) }

        let backupName = CertsDirectorySnapshot.backupFolderName
        let backupPath = config.configPath + "/" + backupName
        let needsBackup: Bool
        switch existing.backupFolder {
        case nil: needsBackup = true
        case .directory: needsBackup = false
        case .file, .other: throw .backupIsNotAFolder(path: backupPath)
        }
        // What `_backup` holds once the plan's backup step (if any) has run.
        let backedUp = needsBackup ? existing : CertsDirectorySnapshot(entries: existing.entries(below: backupName))
        let backedUpPath = needsBackup ? config.configPath : backupPath

        var files: [(path: String, contents: [UInt8])] = []
        for (registry, folder) in zip(parsed.registries, folders) {
            var text = HostsFileRenderer.render(
                server: registry.url.map { HostsFileRenderer.server(forRegistry: $0.text(nodeHost: nodeHost)!) },
                targets: targets, resolveTags: config.resolveTags)
            if config.prependExisting,
                let kept = try keptHosts(of: folder, in: backedUp, shownAt: backedUpPath, skipping: Set(targets))
            {
                files += kept.otherFiles.map { (path: folder + "/" + $0.path, contents: $0.contents) }
                if !kept.hostTables.isEmpty { text += "\n\n" + kept.hostTables.joined(separator: "\n\n") }
            }
            files.append((path: folder + "/hosts.toml", contents: Array(text.utf8)))
        }

        let cleanup: [Plan.Step] =
            needsBackup
            ? [.backup(directory: config.configPath, backupName: backupName)]
            : MirrorFolderCleanup.pathsToRemove(from: existing, keeping: files.map(\.path))
                .map { .remove(path: config.configPath + "/" + $0) }
        let writes = files.map {
            Plan.Step.write(PlannedFile(path: config.configPath + "/" + $0.path, contents: $0.contents))
        }
        let layout = RunRecord.Mirror(configPath: config.configPath, folders: folders, targets: targets)
        return (Plan(steps: cleanup + writes), layout)
    }

    private static func resolve(
        _ config: MirrorConfig, nodeAddress: String?
    ) throws(MirrorPlanError) -> (MirrorConfigValidator.Parsed, targets: [String], folders: [String], nodeHost: String?)
    {
        let (parsed, problems) = MirrorConfigValidator.parse(config)
        guard problems.isEmpty else { throw .invalidConfig(problems) }
        let usesNodeAddress =
            parsed.targets.contains(where: \.usesNodeAddress)
            || parsed.registries.contains { $0.url?.usesNodeAddress == true }
        let nodeHost = usesNodeAddress ? try urlHost(forNodeAddress: nodeAddress) : nil
        let targets = try unique(parsed.targets.map { $0.text(nodeHost: nodeHost)! }, what: "mirror target")
        let folders = try unique(
            parsed.registries.map { MirrorConfigValidator.folderName(of: $0, nodeHost: nodeHost) },
            what: "registry folder")
        return (parsed, targets, folders, nodeHost)
    }

    /// What prependExisting keeps from a registry's backed-up folder: nil when its `hosts.toml` is
    /// absent or declares no `[host.X]` table (then, as in Spegel, nothing is kept).
    private static func keptHosts(
        of folder: String, in backedUp: CertsDirectorySnapshot, shownAt backedUpPath: String,
        skipping targets: Set<String>
    ) throws(MirrorPlanError) -> (hostTables: [String], otherFiles: [(path: String, contents: [UInt8])])? {
        let hostsPath = folder + "/hosts.toml"
        let shownPath = backedUpPath + "/" + hostsPath
        let contents: [UInt8]
        switch backedUp.entry(at: hostsPath) {
        case nil: return nil
        case .file(let bytes): contents = bytes
        case .directory, .other: throw .unreadableBackupHostsFile(path: shownPath, reason: "it is not a regular file")
        }
        let tables: [ExistingHostsReader.HostTable]
        do throws(ExistingHostsReader.Unreadable) {
            tables = try ExistingHostsReader.hostTables(in: contents)
        } catch {
            throw .unreadableBackupHostsFile(path: shownPath, reason: error.reason)
        }
        guard !tables.isEmpty else { return nil }
        // Spegel copies every other file, at any depth, and skips every file named hosts.toml.
        let otherFiles = backedUp.entries(below: folder)
            .compactMap { path, entry -> (path: String, contents: [UInt8])? in
                guard case .file(let bytes) = entry, !path.hasSuffix("/hosts.toml"), path != "hosts.toml" else {
                    return nil
                }
                return (path, bytes)
            }
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return (tables.filter { !targets.contains($0.host) }.map(\.text), otherFiles)
    }

    /// The node address as it goes into a URL host: IPv6 in brackets.
    private static func urlHost(forNodeAddress address: String?) throws(MirrorPlanError) -> String {
        guard let address else { throw .nodeAddressRequired }
        if IPAddressSyntax.isIPv4(address[...]) { return address }
        if IPAddressSyntax.isIPv6(address[...]) { return "[" + address + "]" }
        throw .invalidNodeAddress(address)
    }

    private static func unique(_ values: [String], what: String) throws(MirrorPlanError) -> [String] {
        var seen: Set<String> = []
        for value in values where !seen.insert(value).inserted {
            throw .duplicateAfterNodeAddress("\(what) \(value)")
        }
        return values
    }
}
