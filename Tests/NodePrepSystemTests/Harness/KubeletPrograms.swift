import Foundation

/// Tiny Go programs laid out as Kubernetes' module is, built by the real Go toolchain the ways
/// kubelet gets built (see ``GoPrograms``, whose builder they use), so the build information
/// nodeprep reads is the toolchain's own. Each prints what `kubelet --version` prints,
/// `Kubernetes <gitVersion>`.
///
/// Built after containerd's programs, in a folder of their own, so the two sets never compete for
/// the machine's cores.
struct KubeletPrograms: Sendable {
    enum Program: String, CaseIterable, Sendable {
        /// kubelet from a Kubernetes checkout, `gitVersion` stamped as `hack/lib/version.sh` does.
        case linked = "kubelet-linked"
        /// The same with `-trimpath` (as Kubernetes' release builds): `-ldflags` is not recorded.
        case trimpath = "kubelet-trimpath"
        /// No `-ldflags`: `gitVersion` keeps its unstamped default, `v0.0.0-master+$Format:%H$`.
        case unversioned = "kubelet-unversioned"
        /// `go install k8s.io/kubernetes/cmd/kubelet@v1.33.2` from a module proxy.
        case installed = "kubelet-installed"
    }

    static let stamp = "v1.32.1-eks-0a1b2c3"
    static let trimpathStamp = "v1.31.4"
    static let moduleVersion = "v1.33.2"
    let folder: String

    func path(_ program: Program) -> String {
        folder + "/bin/" + program.rawValue
    }

    static let shared = Task {
        _ = try? await GoPrograms.shared.value
        return try await KubeletPrograms.build()
    }

    private static func build() async throws -> KubeletPrograms {
        let folder = Bundle.module.bundleURL.deletingLastPathComponent().path + "/kubelet-programs"
        try? FileManager.default.removeItem(atPath: folder)
        try writeKubernetesCheckout(at: "\(folder)/src/kubernetes")
        try writeKubernetesRelease(at: "\(folder)/src/kubernetes-release")
        let builder = GoPrograms.Builder(folder: folder, go: try GoPrograms.locateGo(), tools: try Tools.locate())
        let linkFlags = { (version: String) in "-X 'k8s.io/component-base/version.gitVersion=\(version)'" }
        try await builder.build(
            Program.linked.rawValue, in: "kubernetes", flags: ["-ldflags", linkFlags(stamp)], command: "kubelet")
        try await builder.build(
            Program.trimpath.rawValue, in: "kubernetes",
            flags: ["-trimpath", "-ldflags", "-s -w " + linkFlags(trimpathStamp)],
            command: "kubelet")
        try await builder.build(Program.unversioned.rawValue, in: "kubernetes", flags: [], command: "kubelet")
        try await builder.install(
            Program.installed.rawValue, module: "k8s.io/kubernetes", version: moduleVersion, from: "kubernetes-release",
            command: "kubelet")
        return KubeletPrograms(folder: folder)
    }

    /// `k8s.io/kubernetes` as its repository lays it out: `k8s.io/component-base` is a module of its
    /// own under `staging/`, replaced by that folder, and `cmd/kubelet` prints its `gitVersion`.
    private static func writeKubernetesCheckout(at source: String) throws {
        try GoPrograms.writeFiles(
            [
                "go.mod": """
                module k8s.io/kubernetes

                go 1.18

                require k8s.io/component-base v0.0.0

                replace k8s.io/component-base => ./staging/src/k8s.io/component-base

                """,
                "staging/src/k8s.io/component-base/go.mod": "module k8s.io/component-base\n\ngo 1.18\n",
                "staging/src/k8s.io/component-base/version/base.go": """
                package version

                var gitVersion = "v0.0.0-master+$Format:%H$"

                func Get() string { return gitVersion }

                """,
                "cmd/kubelet/main.go": kubeletMain(importing: "k8s.io/component-base/version"),
            ], at: source)
    }

    /// A `k8s.io/kubernetes` module with no replaced dependency, which `go install …@version`
    /// accepts; its version comes from the module, not from the linker.
    private static func writeKubernetesRelease(at source: String) throws {
        try GoPrograms.writeFiles(
            [
                "go.mod": "module k8s.io/kubernetes\n\ngo 1.18\n",
                "pkg/version/base.go":
                    "package version\n\nvar gitVersion = \"v0.0.0-master\"\n\nfunc Get() string { return gitVersion }\n",
                "cmd/kubelet/main.go": kubeletMain(importing: "k8s.io/kubernetes/pkg/version"),
            ], at: source)
    }

    private static func kubeletMain(importing package: String) -> String {
        "package main\n\nimport (\n\t\"os\"\n\n\t\"\(package)\"\n)\n\n"
            + "func main() { os.Stdout.WriteString(\"Kubernetes \" + version.Get() + \"\\n\") }\n"
    }
}
