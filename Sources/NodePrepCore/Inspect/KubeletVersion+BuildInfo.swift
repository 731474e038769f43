extension KubeletVersion {
    /// kubelet's main package, in the `k8s.io/kubernetes` module.
    static let mainPackage = "k8s.io/kubernetes/cmd/kubelet"
    static let module = "k8s.io/kubernetes"
    /// Where Kubernetes' build (`hack/lib/version.sh`) stamps the version `kubelet --version`
    /// prints: `-X 'k8s.io/component-base/version.gitVersion=v1.32.0'`; older builds and some
    /// distributions name the vendored copy of the package.
    static let stampedVariables = [
        "k8s.io/component-base/version.gitVersion",
        "k8s.io/kubernetes/vendor/k8s.io/component-base/version.gitVersion",
    ]

    /// kubelet's version as its Go build information records it, without running kubelet: the
    /// stamped `gitVersion` when `-ldflags` is recorded (builds without `-trimpath`), else a
    /// released `k8s.io/kubernetes` module version (Go 1.24 and later stamp it from the checkout's
    /// tag). nil when the binary is not kubelet or records neither: Kubernetes' release builds use
    /// `-trimpath`, which leaves `-ldflags` out, so for them `kubelet --version` is still asked.
    public init?(buildInfo: GoBuildInfo) {
        guard buildInfo.mainPackage == Self.mainPackage else { return nil }
        let stamped = Self.stampedVariables.lazy.compactMap { buildInfo.linkerString($0) }.first
        let module = buildInfo.mainModule.flatMap {
            $0.path == Self.module && VersionNumbers.isRelease($0.version) ? $0.version : nil
        }
        guard let version = [stamped, module].lazy.compactMap({ $0.flatMap(KubeletVersion.init(parsing:)) }).first
        else { return nil }
        self = version
    }
}
