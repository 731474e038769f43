import Glibc

/// The node's filesystem as nodeprep sees it: node paths (`/etc/containerd/config.toml`) mapped
/// under an optional root folder (`--root DIR` puts that file at `DIR/etc/containerd/config.toml`).
///
/// Every path is resolved one component at a time from the root with
/// `openat(O_NOFOLLOW | O_DIRECTORY)`, so a symlink planted anywhere below the root (a symlinked
/// `/etc/containerd`, a symlinked target file) is an error naming that path, never a read or
/// write somewhere else. The root folder itself is the operator's choice and may be a symlink.
public struct NodeFileSystem: Sendable, Equatable {
    /// The host folder node paths live under; "/" for the real root.
    public let root: String

    /// - Parameter root: nil, "" or "/" for the real root; otherwise a host folder.
    public init(root: String? = nil) {
        var trimmed = root ?? "/"
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed.isEmpty ? "/" : trimmed
    }

    /// Where `nodePath` is on the host, for log lines.
    public func hostPath(_ nodePath: String) -> String {
        root == "/" ? nodePath : root + nodePath
    }

    /// The contents of the regular file at `nodePath`; nil when it (or a parent folder) does
    /// not exist. Lets the planner compare with what is already on the node.
    public func read(_ nodePath: String) throws(NodeFileError) -> [UInt8]? {
        let path = try NodePath(nodePath)
        guard let parent = path.parent, let name = path.name else {
            throw NodeFileError(path: nodePath, reason: .notARegularFile)
        }
        return try openDirectory(parent, creatingMissing: false)?.readRegularFile(name)?.contents
    }

    /// The entry names in the folder at `nodePath`, sorted; nil when it does not exist
    /// (`nodeprep status` lists the mirror's registry folders with it).
    public func list(_ nodePath: String) throws(NodeFileError) -> [String]? {
        try openDirectory(NodePath(nodePath), creatingMissing: false)?.entries()
    }

    /// Opens the folder at `path`, creating missing folders (0755) when asked; nil when a
    /// folder is missing and `creatingMissing` is false. Created folders are synced into their
    /// parents unless `syncingCreated` is false (the caller flushes the filesystem itself).
    func openDirectory(_ path: NodePath, creatingMissing: Bool, syncingCreated: Bool = true) throws(NodeFileError)
        -> DirectoryHandle?
    {
        var folder = try openRoot()
        for component in path.components {
            guard
                let next = try folder.openDirectory(
                    component, create: creatingMissing, syncingCreated: syncingCreated)
            else { return nil }
            folder = next
        }
        return folder
    }

    func openRoot() throws(NodeFileError) -> DirectoryHandle {
        let descriptor = Syscall.retryingInterrupts { open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard descriptor >= 0 else {
            throw NodeFileError(path: "/", reason: .system(operation: "open root \(root)", errno: errno))
        }
        return DirectoryHandle(descriptor: descriptor, path: try NodePath("/"))
    }
}
