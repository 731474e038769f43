import NodePrepCore

/// What applying one plan step did, for the log line nodeprep writes about it.
public enum PlanStepResult: Equatable, Sendable, CustomStringConvertible {
    /// The file was created or replaced.
    case written(path: String)
    /// The file already had these contents and mode; it was not touched.
    case unchanged(path: String)
    /// The file or folder tree was removed.
    case removed(path: String)
    /// There was nothing to remove.
    case alreadyAbsent(path: String)
    /// The folder's entries were moved into its backup folder (`entries` of them in total).
    case backedUp(directory: String, backupName: String, entries: Int)
    /// The backup folder already existed, so the first state stays as it was.
    case backupKept(directory: String, backupName: String)
    /// The backup folder's entries (`entries` of them) were moved back and the folder removed.
    case restored(directory: String, backupName: String, entries: Int)

    public var description: String {
        switch self {
        case .written(let path): return "wrote \(path)"
        case .unchanged(let path): return "unchanged \(path)"
        case .removed(let path): return "removed \(path)"
        case .alreadyAbsent(let path): return "nothing to remove at \(path)"
        case .backedUp(let directory, let name, let entries):
            return "backed up \(entries) entries of \(directory) into \(name)"
        case .backupKept(let directory, let name):
            return "kept existing backup \(directory)/\(name)"
        case .restored(let directory, let name, let entries):
            return "restored \(entries) entries of \(directory) from \(name)"
        }
    }

    /// The step as the run record lists it: the path and what happened to it.
    public var recordEntry: RunRecord.File {
        switch self {
        case .written(let path): return RunRecord.File(path: path, outcome: "written")
        case .unchanged(let path): return RunRecord.File(path: path, outcome: "unchanged")
        case .removed(let path): return RunRecord.File(path: path, outcome: "removed")
        case .alreadyAbsent(let path): return RunRecord.File(path: path, outcome: "already absent")
        case .backedUp(let directory, let name, _):
            return RunRecord.File(path: "\(directory)/\(name)", outcome: "backed up")
        case .backupKept(let directory, let name):
            return RunRecord.File(path: "\(directory)/\(name)", outcome: "backup kept")
        case .restored(let directory, let name, _):
            return RunRecord.File(path: "\(directory)/\(name)", outcome: "restored")
        }
    }
}
