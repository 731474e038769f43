/// The folders one pass over a plan has open, by node path, each opened from its parent's handle.
///
/// Two hundred mirrored registries mean two hundred folders under `/etc/containerd/certs.d`;
/// opening each from the root would walk `/`, `etc`, `containerd` and `certs.d` again every time.
/// Missing folders are remembered too when they are not being created.
struct OpenFolders {
    /// Past this many open folders a pass starts over (the caller commits first when it has
    /// staged files), staying far below the usual limit of 1024 open descriptors whatever the
    /// number of mirrored registries.
    static let limit = 256

    private let fileSystem: NodeFileSystem
    private let creatingMissing: Bool
    /// nil: the folder does not exist (only when not creating).
    private var folders: [String: DirectoryHandle?] = [:]

    init(fileSystem: NodeFileSystem, creatingMissing: Bool) {
        self.fileSystem = fileSystem
        self.creatingMissing = creatingMissing
    }

    var isFull: Bool { folders.count >= Self.limit }

    /// The folder at `path`, or nil when it is missing and not being created. Folders created
    /// here are not synced: the caller flushes the filesystem once for all of them.
    mutating func open(_ path: NodePath) throws(NodeFileError) -> DirectoryHandle? {
        if let known = folders[path.description] { return known }
        let folder: DirectoryHandle?
        if let parent = path.parent, let name = path.name {
            folder = try open(parent)?.openDirectory(name, create: creatingMissing, syncingCreated: false)
        } else {
            folder = try fileSystem.openRoot()
        }
        folders[path.description] = folder
        return folder
    }

    /// Closes every folder (the handles close when the last reference goes).
    mutating func removeAll() {
        folders = [:]
    }
}
