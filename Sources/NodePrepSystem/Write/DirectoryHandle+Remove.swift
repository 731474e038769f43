import Glibc

extension DirectoryHandle {
    /// Removes `name` and, if it is a folder, everything below it; returns false when it did
    /// not exist. Symlinks are removed themselves, never followed: sub-folders are entered with
    /// O_NOFOLLOW, so a symlink swapped in cannot redirect the removal.
    @discardableResult
    func removeEntry(_ name: String) throws(NodeFileError) -> Bool {
        guard let kind = try kind(of: name) else { return false }
        if kind == .directory, let folder = try openDirectory(name, create: false) {
            for entry in try folder.entries() {
                try folder.removeEntry(entry)
            }
            try Syscall.check("unlinkat", path: path.appending(name)) { unlinkat(descriptor, name, AT_REMOVEDIR) }
        } else {
            try Syscall.check("unlinkat", path: path.appending(name)) { unlinkat(descriptor, name, 0) }
        }
        return true
    }
}
