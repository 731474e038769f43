import NodePrepCore

extension PlanWriter {
    /// Checks, before the first step runs, that every file the plan writes can be written: no
    /// symlink, folder or special file at its path or in place of a folder above it.
    ///
    /// Without this, a symlink planted at `/etc/containerd/base-runtime-spec.json` was found only
    /// when that file's turn came, after config.toml had been replaced to point at it. Paths inside
    /// a folder that an earlier step backs up or removes are not checked: that step clears them.
    /// `paths`: each step's checked path (the file written or removed, the folder backed up).
    func preflight(_ plan: Plan, paths: [NodePath]) throws(NodeFileError) {
        var clearedFolders: [NodePath] = []
        var folders = OpenFolders(fileSystem: fileSystem, creatingMissing: false)
        for (step, path) in zip(plan.steps, paths) {
            switch step {
            case .write:
                guard !clearedFolders.contains(where: { path.isInside($0) }) else { continue }
                if folders.isFull { folders.removeAll() }
                try checkWritable(path, folders: &folders)
            case .backup, .remove, .restore:
                clearedFolders.append(path)
            }
        }
    }

    private func checkWritable(_ path: NodePath, folders: inout OpenFolders) throws(NodeFileError) {
        guard let parent = path.parent, let name = path.name, let folder = try folders.open(parent) else { return }
        switch try folder.kind(of: name) {
        case nil, .regularFile?:
            return
        case .symlink?:
            throw NodeFileError(path: path.description, reason: .symlink)
        case .directory?, .other?:
            throw NodeFileError(path: path.description, reason: .notARegularFile)
        }
    }
}

extension NodePath {
    /// Whether this path is `folder` itself or below it.
    func isInside(_ folder: NodePath) -> Bool {
        components.starts(with: folder.components)
    }
}
