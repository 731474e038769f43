/// Works out which entries of `config_path` must go so that, after the plan's writes, the folder
/// holds exactly `_backup` and the planned files.
///
/// Spegel removes every entry but `_backup` and writes everything again. Removing only what is not
/// rewritten reaches the same end state while leaving correct files untouched, which is what makes
/// a second run a no-op.
enum MirrorFolderCleanup {
    /// Paths relative to the folder, parents before children, each removed with everything below
    /// it; a path below one already listed is not listed again.
    ///
    /// Kept: `_backup`, the planned files when they are regular files, and the folders leading to
    /// them when they are real folders. Everything else goes, including a file or link standing
    /// where a planned folder must be, and stale files inside a rewritten registry folder.
    static func pathsToRemove(from existing: CertsDirectorySnapshot, keeping plannedFiles: [String]) -> [String] {
        let files = Set(plannedFiles)
        let folders = Set(plannedFiles.flatMap(ancestors(of:)))
        let allPaths = Set(existing.entries.keys.flatMap { ancestors(of: $0) + [$0] })
            .filter { !isBackup($0) }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }

        var removed: [String] = []
        for path in allPaths where !removed.contains(where: { path.hasPrefix($0 + "/") }) {
            let entry = existing.entry(at: path)
            let keep: Bool
            if files.contains(path) {
                if case .file = entry { keep = true } else { keep = false }
            } else {
                keep = folders.contains(path) && entry == .directory
            }
            if !keep { removed.append(path) }
        }
        return removed
    }

    /// `a`, `a/b` for `a/b/c`.
    private static func ancestors(of path: String) -> [String] {
        let components = path.split(separator: "/")
        return (1..<max(1, components.count)).map { components.prefix($0).joined(separator: "/") }
    }

    private static func isBackup(_ path: String) -> Bool {
        let name = CertsDirectorySnapshot.backupFolderName
        return path == name || path.hasPrefix(name + "/")
    }
}
