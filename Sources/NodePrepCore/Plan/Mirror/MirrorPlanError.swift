/// Why no mirror plan could be made. Nothing is written when planning fails.
public enum MirrorPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The settings break the rules of `MirrorConfigValidator`.
    case invalidConfig([MirrorConfigProblem])
    /// A registry or target uses `${NODE_IP}`, and no node address was given.
    case nodeAddressRequired
    /// The node address is not an IPv4 or IPv6 address.
    case invalidNodeAddress(String)
    /// Two targets, or two registry folders, became the same once `${NODE_IP}` was replaced.
    case duplicateAfterNodeAddress(String)
    /// `<configPath>/_backup` exists but is not a folder, so nothing can be backed up into it.
    case backupIsNotAFolder(path: String)
    /// The snapshot names a path that could leave the folder (`..`, empty or `.` components).
    case unsafeSnapshotPath(String)
    /// prependExisting needs a backed-up `hosts.toml` that cannot be read.
    case unreadableBackupHostsFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidConfig(let problems):
            return "invalid mirror configuration:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
        case .nodeAddressRequired:
            return "the mirror configuration uses \(RegistryURL.nodeAddressPlaceholder), "
                + "but the node address is unknown"
        case .invalidNodeAddress(let address):
            return "the node address \(RegistryURL.printable(address)) is not an IPv4 or IPv6 address"
        case .duplicateAfterNodeAddress(let what):
            return "\(what) appears twice once \(RegistryURL.nodeAddressPlaceholder) is replaced by the node address"
        case .backupIsNotAFolder(let path):
            return "\(path) exists but is not a folder; move it away so the existing configuration can be backed up"
        case .unsafeSnapshotPath(let path):
            return "refusing to plan for the entry \(RegistryURL.printable(path)), "
                + "whose path could leave the registry configuration folder"
        case .unreadableBackupHostsFile(let path, let reason):
            return "cannot keep the hosts of \(path) (prependExisting): \(reason)"
        }
    }
}
