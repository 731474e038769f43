/// The installed kubelet's version. nodeprep does not configure kubelet, but nodeadm's containerd
/// template depends on it: `enable_cdi` is on only for kubelet 1.32 and later.
public struct KubeletVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public let patch: Int

    public init(major: Int, minor: Int, patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Reads `1.32.0`, `v1.35.0-eks-5e0fdde`, or the first such version in what `kubelet --version`
    /// prints (`Kubernetes v1.32.0`) and in `/etc/eks/kubelet-version.txt`. A major version of 0
    /// is not a kubelet's (`v0.0.0-master+…` is the unstamped default).
    public init?(parsing text: String) {
        guard let numbers = VersionNumbers(firstIn: text), numbers.major >= 1 else { return nil }
        self.init(major: numbers.major, minor: numbers.minor, patch: numbers.patch)
    }

    /// The first kubelet whose template has `enable_cdi = true` in nodeadm.
    public static let firstWithCDI = KubeletVersion(major: 1, minor: 32)

    public static func < (lhs: KubeletVersion, rhs: KubeletVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    public var description: String { "\(major).\(minor).\(patch)" }
}

public typealias InstalledKubelet = InstalledVersion<KubeletVersion>

extension KubeletVersion: ProgramVersion {
    public static let program = "kubelet"

    public enum Source: String, Sendable, Hashable, CustomStringConvertible {
        case option = "--kubelet-version"
        /// `/etc/eks/kubelet-version.txt`, which EKS images write at build time and nodeadm reads.
        case versionFile = "/etc/eks/kubelet-version.txt"
        case buildInformation = "its build information"
        case versionCommand = "`kubelet --version`"

        public var description: String { rawValue }
    }
}
