import NodePrepCore

/// The installed kubelet's version, for the containerd template's `enable_cdi` (nodeadm's rule).
///
/// Asked in nodeadm's order, cheapest first: `/etc/eks/kubelet-version.txt` (EKS images write it
/// when they are built; nodeadm reads it to skip running kubelet), then kubelet's Go build
/// information (a few small reads of the file), and only then `kubelet --version`, a Go program
/// that registers all its flags and feature gates before it answers. A file or an answer that
/// holds no version is passed over for the next source.
public struct KubeletVersionProbe: Sendable {
    public static let defaultBinary = "/usr/bin/kubelet"
    public static let versionFile = KubeletVersion.Source.versionFile.rawValue
    /// A kubelet that has not answered by then is treated as one that gave no version.
    public static let timeout: Duration = .seconds(10)

    public var binary: String
    public var timeout: Duration

    public init(binary: String = defaultBinary, timeout: Duration = KubeletVersionProbe.timeout) {
        self.binary = binary
        self.timeout = timeout
    }

    /// The version and where it came from; nil when no source tells (no kubelet installed). The
    /// version file is a node path, read under `--root`; the binary is read where it is.
    public func version(fileSystem: NodeFileSystem) async -> InstalledKubelet? {
        if let bytes = try? fileSystem.read(Self.versionFile),
            let version = KubeletVersion(parsing: String(decoding: bytes.prefix(4096), as: UTF8.self))
        {
            return InstalledKubelet(version, from: .versionFile)
        }
        if let version = GoBuildInfo.read(executableAt: binary).flatMap(KubeletVersion.init(buildInfo:)) {
            return InstalledKubelet(version, from: .buildInformation)
        }
        guard let command = VersionCommand.start(binary, timeout: timeout) else { return nil }
        return await command.output().flatMap(KubeletVersion.init(parsing:)).map {
            InstalledKubelet($0, from: .versionCommand)
        }
    }
}
