/// The installed containerd's version, which decides the config schema: containerd 1.x reads config
/// `version = 2` keys, containerd 2.x `version = 3` keys.
public struct ContainerdVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int

    public init(major: Int, minor: Int, patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Reads `1.6.20`, `v2.1.4`, or the first such number in `containerd --version` output
    /// (`containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+deb12u3`).
    public init?(parsing text: String) {
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
            let candidate = word.hasPrefix("v") ? word.dropFirst() : word[...]
            let numbers = candidate.prefix { $0.isNumber || $0 == "." }.split(separator: ".").compactMap { Int($0) }
            if numbers.count >= 2 {
                self.init(major: numbers[0], minor: numbers[1], patch: numbers.count > 2 ? numbers[2] : 0)
                return
            }
        }
        return nil
    }

    /// The config schema version this containerd reads natively.
    public var configSchema: ContainerdConfigSchema {
        major >= 2 ? .v3 : .v2
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (lhs: ContainerdVersion, rhs: ContainerdVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}
