import Glibc

/// An open folder on the node; every operation names its entries relative to it (the `*at`
/// syscalls), so no path is ever resolved again from the root and no symlink is followed.
final class DirectoryHandle {
    enum EntryKind: Equatable {
        case directory, regularFile, symlink, other
    }

    let descriptor: Int32
    /// Where this folder is on the node, for error messages.
    let path: NodePath
    /// This handle's `mkdirat` made the folder, so it held nothing when opened: no leftover
    /// temporary file to clean up and no old file to compare with.
    let isCreated: Bool

    init(descriptor: Int32, path: NodePath, isCreated: Bool = false) {
        self.descriptor = descriptor
        self.path = path
        self.isCreated = isCreated
    }

    deinit {
        close(descriptor)
    }

    /// What `name` is, without following a symlink; nil when it does not exist.
    func kind(of name: String) throws(NodeFileError) -> EntryKind? {
        var info = stat()
        let result = Syscall.retryingInterrupts { fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) }
        if result == -1 {
            if errno == ENOENT { return nil }
            throw Syscall.error("fstatat", path: path.appending(name))
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regularFile
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// Opens the sub-folder `name`; nil when it is missing and `create` is false. A created
    /// folder gets `mode` (whatever the umask) and this folder is synced so it stays, unless
    /// `syncingCreated` is false because the caller flushes the whole filesystem later.
    ///
    /// With `create`, `mkdirat` comes first: on a node at first boot nearly every folder nodeprep
    /// writes to is new, and an `openat` that fails first would be one more call for each.
    func openDirectory(_ name: String, create: Bool, syncingCreated: Bool = true, mode: mode_t = 0o755)
        throws(NodeFileError) -> DirectoryHandle?
    {
        let childPath = path.appending(name)
        var created = false
        if create {
            if Syscall.retryingInterrupts({ mkdirat(descriptor, name, mode) }) == 0 {
                created = true
            } else if errno != EEXIST {
                throw Syscall.error("mkdirat", path: childPath)
            }
        }
        let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
        let child = Syscall.retryingInterrupts { openat(descriptor, name, flags) }
        guard child >= 0 else {
            let failure = errno
            if failure == ENOENT && !create { return nil }
            throw try refusal(for: name, errno: failure, expected: .directory)
        }
        let handle = DirectoryHandle(descriptor: child, path: childPath, isCreated: created)
        if created {
            try Syscall.check("fchmod", path: childPath) { fchmod(child, mode) }
            if syncingCreated { try sync() }
        }
        return handle
    }

    /// The contents and permission bits of the regular file `name`; nil when it is missing.
    func readRegularFile(_ name: String) throws(NodeFileError) -> (contents: [UInt8], mode: UInt32)? {
        let filePath = path.appending(name)
        // O_NONBLOCK: opening a FIFO planted here must not hang the boot.
        let flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY
        let file = Syscall.retryingInterrupts { openat(descriptor, name, flags) }
        if file == -1 {
            let failure = errno
            if failure == ENOENT { return nil }
            throw try refusal(for: name, errno: failure, expected: .regularFile)
        }
        defer { close(file) }
        var info = stat()
        try Syscall.check("fstat", path: filePath) { fstat(file, &info) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw NodeFileError(path: filePath.description, reason: .notARegularFile)
        }
        switch DescriptorReader.readAll(file, expectedSize: Int(info.st_size)) {
        case .complete(let contents): return (contents, UInt32(info.st_mode) & 0o7777)
        case .failed(let code): throw Syscall.error("read", path: filePath, errno: code)
        case .tooLarge: throw Syscall.error("read", path: filePath, errno: EFBIG)  // no limit was given
        }
    }

    /// The names in this folder, sorted, without `.` and `..`.
    func entries() throws(NodeFileError) -> [String] {
        let copy = try Syscall.check("dup", path: path) { dup(descriptor) }
        guard let stream = fdopendir(copy) else {
            let failure = errno
            close(copy)
            throw Syscall.error("fdopendir", path: path, errno: failure)
        }
        defer { closedir(stream) }
        // The copy shares the file offset with `descriptor`; start from the top every time.
        rewinddir(stream)
        return DirectoryStream.names(stream).sorted()
    }

    /// Renames `name` to `newName` in `destination` (which may be this folder).
    func rename(_ name: String, to destination: DirectoryHandle, as newName: String) throws(NodeFileError) {
        try Syscall.check("renameat", path: path.appending(name)) {
            renameat(descriptor, name, destination.descriptor, newName)
        }
    }

    /// Flushes this folder's entries (new names, renames, removals) to disk.
    func sync() throws(NodeFileError) {
        try Syscall.check("fsync", path: path) { fsync(descriptor) }
    }

    /// The error for a failed open of `name`: a refused symlink or wrong kind when that is what
    /// is there, the syscall error otherwise.
    private func refusal(for name: String, errno failure: Int32, expected: EntryKind) throws(NodeFileError)
        -> NodeFileError
    {
        let entryPath = path.appending(name).description
        switch try kind(of: name) {
        case .symlink?:
            return NodeFileError(path: entryPath, reason: .symlink)
        case let found? where found != expected:
            return NodeFileError(path: entryPath, reason: expected == .directory ? .notADirectory : .notARegularFile)
        default:
            return Syscall.error("openat", path: path.appending(name), errno: failure)
        }
    }
}
