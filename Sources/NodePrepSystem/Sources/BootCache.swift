import Glibc
import NodePrepCore

/// This boot's copy of what IMDS said: the user data and the node address, in `/run/nodeprep/`.
///
/// Neither can change while an instance runs, and `/run` is emptied at every boot, so a copy made
/// by the boot's first successful run is as good as asking IMDS again. Later runs of the same boot
/// (containerd restarted by nodeadm or a bootstrap script, a run by hand) read it instead, so no
/// IMDS wait can hold up a containerd restart. The folder is 0700 and the files 0600, root's
/// only: user data can carry secrets. Under `--root DIR` the folder is `DIR/run/nodeprep`.
public struct BootCache: Sendable {
    public static let folder = "/run/nodeprep"

    /// The files the copy is made of.
    public enum Entry: String, Sendable, CaseIterable {
        /// The user data's bytes, as IMDS served them (before any decoding).
        case userData = "user-data"
        /// Present (empty) when IMDS said the instance has no user data.
        case noUserData = "no-user-data"
        /// The node address `${NODE_IP}` became.
        case nodeAddress = "node-address"

        public var path: String { BootCache.folder + "/" + rawValue }
    }

    public let fileSystem: NodeFileSystem

    public init(fileSystem: NodeFileSystem) {
        self.fileSystem = fileSystem
    }

    /// Whether the folder exists (a symlink or file in its place is an error).
    public func exists() throws(NodeFileError) -> Bool {
        try fileSystem.openDirectory(NodePath(Self.folder), creatingMissing: false) != nil
    }

    /// Whether the copy holds everything `init` would ask IMDS: the user data (or word that there
    /// is none) and, when `needsNodeAddress`, the node address. Such a run builds no IMDS session.
    /// Only looks for the files: one that cannot be read later makes the run ask IMDS after all.
    public func answersIMDS(needsNodeAddress: Bool) -> Bool {
        func present(_ entry: Entry) -> Bool { access(fileSystem.hostPath(entry.path), F_OK) == 0 }
        return (present(.userData) || present(.noUserData)) && (!needsNodeAddress || present(.nodeAddress))
    }

    /// The entry's bytes; nil when this boot has no copy of it.
    public func read(_ entry: Entry) throws(NodeFileError) -> [UInt8]? {
        try fileSystem.read(entry.path)
    }

    /// Keeps each entry's bytes with the writer `init` uses, in one batch (temporary files renamed
    /// over the old ones, made durable together), creating the folder 0700 first when it is missing.
    public func store(_ entries: [Entry: [UInt8]]) throws(NodeFileError) {
        guard !entries.isEmpty else { return }
        let path = try NodePath(Self.folder)
        guard let parentPath = path.parent, let name = path.name,
            let parent = try fileSystem.openDirectory(parentPath, creatingMissing: true),
            try parent.openDirectory(name, create: true, mode: 0o700) != nil
        else { throw NodeFileError(path: Self.folder, reason: .notADirectory) }
        let writes = entries.sorted { $0.key.rawValue < $1.key.rawValue }.map { entry, bytes in
            Plan.Step.write(PlannedFile(path: entry.path, contents: bytes, mode: 0o600))
        }
        _ = try PlanWriter(fileSystem: fileSystem).apply(Plan(steps: writes))
    }

    /// Removes temporary files a run killed while storing left in the folder (a run that reads the
    /// copy stores nothing, so would never meet them otherwise).
    public func removeLeftovers() throws(NodeFileError) {
        _ = try fileSystem.openDirectory(NodePath(Self.folder), creatingMissing: false)?.removeStaleTemporaryFiles()
    }
}
