import NodePrepCore

extension CertsDirectorySnapshot {
    /// The folder as it was before a first-run backup that a killed run left half done.
    ///
    /// The backup moves the folder's entries into ``PlanWriter/backupStagingName`` one by one and
    /// renames that to `_backup` last. When a run is killed in between, the next run resumes the
    /// move, so the entries already in staging end up in `_backup` like the others; the planner
    /// must see them where they were, or prependExisting would lose the hosts of every registry
    /// whose folder had already been moved.
    func beforeInterruptedBackup() -> CertsDirectorySnapshot {
        let staging = PlanWriter.backupStagingName
        let backup = CertsDirectorySnapshot.backupFolderName
        let hasBackup = entries.keys.contains { $0 == backup || $0.hasPrefix(backup + "/") }
        let isStaged = { (path: String) in path == staging || path.hasPrefix(staging + "/") }
        guard !hasBackup, entries.keys.contains(where: isStaged) else { return self }
        var restored = entries.filter { !isStaged($0.key) }
        for (path, entry) in entries where path.hasPrefix(staging + "/") {
            restored[String(path.dropFirst(staging.count + 1))] = entry
        }
        return CertsDirectorySnapshot(entries: restored)
    }
}
