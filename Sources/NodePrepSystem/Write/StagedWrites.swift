import Glibc
import NodePrepCore

/// Consecutive write steps applied together, so that a plan with hundreds of files costs two
/// filesystem flushes instead of three fsyncs per file.
///
/// Every file is first written to a temporary file beside its target; one flush per filesystem
/// then makes all of them durable (with any folders created for them); each is renamed over its
/// target; a second flush makes the renames durable. A crash leaves each file with its old or its
/// new contents, never a mix. Temporary files that a killed run left in a folder are removed the
/// first time a batch writes there.
struct StagedWrites {
    private struct Entry {
        var folder: DirectoryHandle
        /// nil when the file already had the planned contents.
        var temporaryName: String?
        var name: String
        var path: String
    }

    private var entries: [Entry] = []
    private var stagedPaths: Set<String> = []
    /// The targets' folders and their ancestors, created when missing.
    private var folders: OpenFolders
    /// Folders already rid of a killed run's temporary files.
    private var cleanedFolders: Set<String> = []

    init(fileSystem: NodeFileSystem) {
        folders = OpenFolders(fileSystem: fileSystem, creatingMissing: true)
    }

    /// Past ``OpenFolders/limit`` open folders the batch is committed early.
    var isFull: Bool { folders.isFull }

    /// A second write of the same path must see the first one's result, so it waits for a commit.
    func isStaged(_ path: String) -> Bool { stagedPaths.contains(path) }

    /// Writes `file`'s temporary file (or notes that the file is already right).
    mutating func stage(_ file: PlannedFile, parent: NodePath, name: String) throws(NodeFileError) {
        let folder = try folders.open(parent)!
        // A folder this run created holds nothing but what the batch put there.
        if !folder.isCreated, cleanedFolders.insert(parent.description).inserted {
            try folder.removeStaleTemporaryFiles()
        }
        let temporaryName = try folder.stageFile(
            name, contents: file.contents, mode: file.mode, knownMissing: folder.isCreated)
        entries.append(Entry(folder: folder, temporaryName: temporaryName, name: name, path: file.path))
        stagedPaths.insert(file.path)
    }

    /// Makes the staged files durable and renames them into place; one result per staged file,
    /// in staging order. The batch is empty afterwards.
    mutating func commit() throws(NodeFileError) -> [PlanStepResult] {
        let changed = entries.indices.filter { entries[$0].temporaryName != nil }
        if !changed.isEmpty {
            let touchedFolders = Self.unique(changed.map { entries[$0].folder })
            try FilesystemFlush.flush(touchedFolders)
            for index in changed {
                try entries[index].folder.commitStagedFile(entries[index].temporaryName!, as: entries[index].name)
                entries[index].temporaryName = nil
            }
            try FilesystemFlush.flush(touchedFolders)
        }
        let results = entries.indices.map { index -> PlanStepResult in
            let path = entries[index].path
            return changed.contains(index) ? .written(path: path) : .unchanged(path: path)
        }
        entries = []
        stagedPaths = []
        folders.removeAll()
        cleanedFolders = []
        return results
    }

    /// Removes the temporary files not yet renamed (after a failure); the batch is empty afterwards.
    mutating func discard() {
        for entry in entries {
            if let temporaryName = entry.temporaryName { unlinkat(entry.folder.descriptor, temporaryName, 0) }
        }
        entries = []
        stagedPaths = []
        folders.removeAll()
        cleanedFolders = []
    }

    private static func unique(_ folders: [DirectoryHandle]) -> [DirectoryHandle] {
        var seen: Set<ObjectIdentifier> = []
        return folders.filter { seen.insert(ObjectIdentifier($0)).inserted }
    }
}
