/// What containerd's registry `config_path` folder (`/etc/containerd/certs.d`) holds before the
/// plan runs, read by the writer's side and handed to `MirrorPlanner`.
///
/// The planner needs the whole tree, not just names: file bytes under the backup folder (or under
/// the entries about to be backed up) for prependExisting, and every path below a folder it
/// rewrites, to remove files the end state does not contain. The folder is small (a few
/// `hosts.toml` files and certificates), so reading it whole is cheap.
public struct CertsDirectorySnapshot: Sendable, Equatable {
    public enum Entry: Sendable, Equatable {
        case directory
        case file([UInt8])
        /// A symbolic link, socket, device: never followed or copied, removed when in the way.
        case other
    }

    /// Every entry below the folder by its path relative to it, `/`-separated, without a leading
    /// `/`: `docker.io`, `docker.io/hosts.toml`, `_backup/docker.io/ca.crt`. Empty when the folder is
    /// absent or empty (the plan is the same for both). Folders are implied by the paths below them
    /// and need no entry of their own.
    public var entries: [String: Entry]

    public init(entries: [String: Entry] = [:]) {
        self.entries = entries
    }

    /// The name of the folder that keeps what `config_path` held before the first mirror setup.
    /// Spegel's name, so Spegel's cleanup hook and nodeprep agree on it.
    public static let backupFolderName = "_backup"

    // MARK: - Views used by the planner

    /// The first path component of every entry: the folder's own entries.
    var topLevelNames: Set<String> {
        Set(entries.keys.map { String($0.prefix { $0 != "/" }) })
    }

    /// What `_backup` is: nil when absent (an entry below it implies a folder).
    var backupFolder: Entry? {
        let prefix = Self.backupFolderName + "/"
        if let entry = entries[Self.backupFolderName] { return entry }
        return entries.keys.contains { $0.hasPrefix(prefix) } ? .directory : nil
    }

    /// The entries below `folder`, keyed by their path relative to it.
    func entries(below folder: String) -> [String: Entry] {
        let prefix = folder + "/"
        var found: [String: Entry] = [:]
        for (path, entry) in entries where path.hasPrefix(prefix) {
            found[String(path.dropFirst(prefix.count))] = entry
        }
        return found
    }

    /// The entry at `path`, treating a path with entries below it as a folder.
    func entry(at path: String) -> Entry? {
        entries[path] ?? (entries.keys.contains { $0.hasPrefix(path + "/") } ? .directory : nil)
    }

    /// The first entry path that could step outside the folder or is not a plain relative path.
    var firstUnsafePath: String? {
        entries.keys.sorted().first { !Self.isSafeRelativePath($0) }
    }

    static func isSafeRelativePath(_ path: String) -> Bool {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        return !components.contains { $0.isEmpty || $0 == "." || $0 == ".." || $0.utf8.contains(0) }
    }
}
