extension ContainerdVersion {
    /// containerd's version as its Go build information records it, without running containerd.
    ///
    /// The main package must be in containerd's module, whose path says the major version
    /// (`github.com/containerd/containerd/…` is 1.x, `…/containerd/v2/…` is 2.x): that alone is
    /// enough to choose the config schema. The exact version comes from what the build recorded,
    /// first the `-X …/version.Version=` linker setting (what `containerd --version` prints), then
    /// a released main module version (`v2.1.4`, not `(devel)` or a pre-release); either one is used
    /// only when its major version agrees with the module path, which is what the code really is.
    /// nil when the binary is not containerd.
    public init?(buildInfo: GoBuildInfo) {
        guard let module = ContainerdModule(mainPackage: buildInfo.mainPackage) else { return nil }
        let recorded = [
            buildInfo.linkerString(module.path + "/version.Version"),
            buildInfo.mainModule.flatMap {
                $0.path == module.path && VersionNumbers.isRelease($0.version) ? $0.version : nil
            },
        ]
        let exact = recorded.lazy.compactMap { $0.flatMap(ContainerdVersion.init(parsing:)) }
            .first { $0.major == module.major }
        self = exact ?? .majorOnly(module.major)
    }

}

/// containerd's Go module as a package path inside it names it: `github.com/containerd/containerd`
/// for 1.x, `github.com/containerd/containerd/vN` for N ≥ 2 (Go's rule for major versions).
struct ContainerdModule {
    static let root = "github.com/containerd/containerd"

    var path: String
    var major: Int

    init?(mainPackage: String?) {
        guard let mainPackage, mainPackage == Self.root || mainPackage.hasPrefix(Self.root + "/") else { return nil }
        let firstElement = mainPackage.dropFirst(Self.root.count + 1).prefix { $0 != "/" }
        if firstElement.first == "v", let major = Int(firstElement.dropFirst()), major >= 2,
            firstElement.dropFirst() == "\(major)"
        {
            self.path = Self.root + "/" + firstElement
            self.major = major
        } else {
            self.path = Self.root
            self.major = 1
        }
    }
}
