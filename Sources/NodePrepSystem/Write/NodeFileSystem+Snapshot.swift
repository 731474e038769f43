import Glibc
import NodePrepCore

extension NodeFileSystem {
    /// Everything below the folder at `nodePath`, with file contents, for the mirror planner; empty
    /// when the folder does not exist. Symlinks and special files are reported, never followed.
    ///
    /// - Parameter limit: the most entries read; a certs folder holds a handful, so a huge tree is
    ///   refused rather than read into memory.
    public func snapshot(_ nodePath: String, limit: Int = 10_000) throws(NodeFileError) -> CertsDirectorySnapshot {
        guard let folder = try openDirectory(NodePath(nodePath), creatingMissing: false) else {
            return CertsDirectorySnapshot()
        }
        var entries: [String: CertsDirectorySnapshot.Entry] = [:]
        try collect(folder, prefix: "", into: &entries, limit: limit)
        return CertsDirectorySnapshot(entries: entries)
    }

    private func collect(
        _ folder: DirectoryHandle, prefix: String, into entries: inout [String: CertsDirectorySnapshot.Entry],
        limit: Int
    ) throws(NodeFileError) {
        for name in try folder.entries() {
            guard entries.count < limit else {
                throw NodeFileError(
                    path: folder.path.description,
                    reason: .system(operation: "read (over \(limit) entries)", errno: E2BIG))
            }
            let relative = prefix + name
            switch try folder.kind(of: name) {
            case .directory:
                entries[relative] = .directory
                if let child = try folder.openDirectory(name, create: false) {
                    try collect(child, prefix: relative + "/", into: &entries, limit: limit)
                }
            case .regularFile:
                entries[relative] = try folder.readRegularFile(name).map { .file($0.contents) } ?? .other
            case .symlink, .other:
                entries[relative] = .other
            case nil:
                continue
            }
        }
    }
}
