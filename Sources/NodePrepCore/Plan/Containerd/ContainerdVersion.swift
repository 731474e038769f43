/// The installed containerd's version, which decides the config schema: containerd 1.x reads config
/// `version = 2` keys, containerd 2.x `version = 3` keys.
///
/// Only the major version matters for that choice, and sometimes it is all nodeprep knows: a
/// containerd built without a recorded version still names its Go module (`…/containerd/v2`).
/// Such a version is "major only" and says so (`2.x`) rather than pretending to be `2.0.0`.
public struct ContainerdVersion: Sendable, Hashable, CustomStringConvertible {
    public let major: Int
    /// The minor and patch numbers; both nil for a major-only version.
    public let minor: Int?
    public let patch: Int?

    public init(major: Int, minor: Int, patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    private init(majorOnly major: Int) {
        self.major = major
        minor = nil
        patch = nil
    }

    /// A containerd whose major version is known and nothing more.
    public static func majorOnly(_ major: Int) -> ContainerdVersion {
        ContainerdVersion(majorOnly: major)
    }

    /// Reads `1.6.20`, `v2.1.4`, or the first such number in `containerd --version` output
    /// (`containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+deb12u3`).
    public init?(parsing text: String) {
        guard let numbers = VersionNumbers(firstIn: text) else { return nil }
        self.init(major: numbers.major, minor: numbers.minor, patch: numbers.patch)
    }

    /// The config schema version this containerd reads natively.
    public var configSchema: ContainerdConfigSchema {
        major >= 2 ? .v3 : .v2
    }

    /// `1.6.20`, or `1.x` when only the major version is known.
    public var description: String {
        guard let minor else { return "\(major).x" }
        return "\(major).\(minor).\(patch ?? 0)"
    }
}
