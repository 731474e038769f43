import NodePrepCore

/// Applies a ``Plan`` to a ``NodeFileSystem``, step by step, each step crash-safe on its own.
///
/// Every path in the plan is checked before the first step runs, and so is what the node has at
/// each file to write, so a plan with a bad path or a symlinked target changes nothing. Steps then
/// run in order and the first failure stops the run; running the same plan again finishes the job
/// (unchanged files are skipped, a half-done backup resumes).
public struct PlanWriter: Sendable {
    /// The folder a backup is assembled in before it gets its final name. It and the backup
    /// folder itself are never moved into a backup.
    public static let backupStagingName = ".nodeprep-backup-staging"

    public let fileSystem: NodeFileSystem

    public init(fileSystem: NodeFileSystem) {
        self.fileSystem = fileSystem
    }

    /// Applies all steps in order, calling `onStep` after each one, and returns every result.
    ///
    /// Consecutive writes go through ``StagedWrites``: all staged, flushed, renamed, flushed. A
    /// file's result is reported once its rename is durable.
    @discardableResult
    public func apply(_ plan: Plan, onStep: (PlanStepResult) -> Void = { _ in }) throws(NodeFileError)
        -> [PlanStepResult]
    {
        // Each path is checked and split once; hundreds of files make that worth keeping.
        var paths: [NodePath] = []
        for step in plan.steps { paths.append(try Self.validate(step)) }
        try preflight(plan, paths: paths)
        var results: [PlanStepResult] = []
        func report(_ stepResults: [PlanStepResult]) {
            stepResults.forEach(onStep)
            results += stepResults
        }
        var batch = StagedWrites(fileSystem: fileSystem)
        defer { batch.discard() }
        for (step, path) in zip(plan.steps, paths) {
            switch step {
            case .write(let file):
                if batch.isFull || batch.isStaged(file.path) { report(try batch.commit()) }
                // `validate` made sure a written path names an entry inside a folder.
                try batch.stage(file, parent: path.parent!, name: path.name!)
            case .backup(let directory, let backupName):
                report(try batch.commit())
                report([try backup(directory: directory, backupName: backupName)])
            case .remove(let nodePath):
                report(try batch.commit())
                report([try remove(nodePath)])
            case .restore(let directory, let backupName):
                report(try batch.commit())
                report([try restore(directory: directory, backupName: backupName)])
            }
        }
        report(try batch.commit())
        return results
    }

    /// Applies one step, as a plan of that step alone: checked first, a write staged like any other.
    @discardableResult
    public func apply(_ step: Plan.Step) throws(NodeFileError) -> PlanStepResult {
        try apply(Plan(steps: [step]))[0]
    }

    private func remove(_ nodePath: String) throws(NodeFileError) -> PlanStepResult {
        let (_, parent, name) = try Self.parentAndName(nodePath)
        guard let folder = try fileSystem.openDirectory(parent, creatingMissing: false),
            try folder.removeEntry(name)
        else { return .alreadyAbsent(path: nodePath) }
        try folder.sync()
        return .removed(path: nodePath)
    }

    /// Moves every entry of `directory` into `directory/backupName`, once.
    ///
    /// Entries are renamed into the staging folder first and the staging folder is renamed to
    /// `backupName` last, so the backup name only ever appears complete. A staging folder left
    /// by a crashed run is resumed. A missing `directory` is created with an empty backup, so
    /// the next run does not mistake nodeprep's own files for the original state.
    private func backup(directory: String, backupName: String) throws(NodeFileError) -> PlanStepResult {
        let path = try NodePath(directory)
        try Self.checkBackupName(backupName, in: path)
        let folder = try fileSystem.openDirectory(path, creatingMissing: true)!
        switch try folder.kind(of: backupName) {
        case .directory?:
            return .backupKept(directory: directory, backupName: backupName)
        case .some:
            throw NodeFileError(path: path.appending(backupName).description, reason: .notADirectory)
        case nil:
            break
        }
        let staging = try folder.openDirectory(Self.backupStagingName, create: true)!
        for name in try folder.entries() where name != backupName && name != Self.backupStagingName {
            guard try staging.kind(of: name) == nil else {
                throw NodeFileError(path: staging.path.description, reason: .backupConflict(name))
            }
            try folder.rename(name, to: staging, as: name)
        }
        let count = try staging.entries().count
        try staging.sync()
        try folder.sync()
        try folder.rename(Self.backupStagingName, to: folder, as: backupName)
        try folder.sync()
        return .backedUp(directory: directory, backupName: backupName, entries: count)
    }

    /// Moves the entries of `directory/backupName` back into `directory` and removes the emptied
    /// backup folder. An entry already back (absent from the backup) is simply not there to move;
    /// one whose name is taken in `directory` stops the step, as the plan removes those first.
    private func restore(directory: String, backupName: String) throws(NodeFileError) -> PlanStepResult {
        let path = try NodePath(directory)
        try Self.checkBackupName(backupName, in: path)
        guard let folder = try fileSystem.openDirectory(path, creatingMissing: false),
            let backup = try folder.openDirectory(backupName, create: false)
        else { return .alreadyAbsent(path: path.appending(backupName).description) }
        let names = try backup.entries()
        for name in names {
            guard try folder.kind(of: name) == nil else {
                throw NodeFileError(path: path.description, reason: .backupConflict(name))
            }
            try backup.rename(name, to: folder, as: name)
        }
        try folder.sync()
        try folder.removeEntry(backupName)
        try folder.sync()
        return .restored(directory: directory, backupName: backupName, entries: names.count)
    }

    /// Checks a step's path and returns it: the file written or removed, the folder backed up.
    private static func validate(_ step: Plan.Step) throws(NodeFileError) -> NodePath {
        switch step {
        case .write(let file):
            return try parentAndName(file.path).path
        case .remove(let path):
            return try parentAndName(path).path
        case .backup(let directory, let backupName), .restore(let directory, let backupName):
            let folder = try NodePath(directory)
            try checkBackupName(backupName, in: folder)
            return folder
        }
    }

    /// Splits a path that must name an entry inside a folder (so not `/` itself).
    private static func parentAndName(_ text: String) throws(NodeFileError)
        -> (path: NodePath, parent: NodePath, name: String)
    {
        let path = try NodePath(text)
        guard let parent = path.parent, let name = path.name else {
            throw NodeFileError(path: text, reason: .invalidPath("the root folder itself cannot be written or removed"))
        }
        return (path, parent, name)
    }

    private static func checkBackupName(_ name: String, in folder: NodePath) throws(NodeFileError) {
        try NodePath.checkComponent(name, in: folder)
        guard name != backupStagingName else {
            throw NodeFileError(path: folder.description, reason: .invalidPath("\(name) is reserved for staging"))
        }
    }
}
