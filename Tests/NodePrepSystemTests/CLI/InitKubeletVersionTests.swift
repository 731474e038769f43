import Foundation
import Testing

/// `nodeprep init` chooses the template's `enable_cdi` from kubelet's version: `--kubelet-version`,
/// else `/etc/eks/kubelet-version.txt` under `--root`, else (no kubelet on this machine) on, with
/// a warning.
struct InitKubeletVersionTests {
    let folder: TemporaryFolder
    let userData: String

    init() throws {
        folder = try TemporaryFolder()
        userData = try KarpenterStyleUserData.file([KarpenterStyleUserData.userNodeConfig], in: folder)
    }

    func initialize(_ extra: [String], versionFile: String? = nil) throws -> (
        status: Int32, stderr: String, config: String
    ) {
        let root = try TemporaryFolder()
        if let versionFile {
            _ = try root.write("etc/eks/kubelet-version.txt", Array(versionFile.utf8))
        }
        let result = try NodePrepBinary.run(
            ["init", "--root", root.path, "-c", "file://" + userData, "--containerd-version", "1.7.20"] + extra)
        let config = (try? String(contentsOfFile: root.path + "/etc/containerd/config.toml", encoding: .utf8)) ?? ""
        return (result.status, result.stderr, config)
    }

    @Test(arguments: [("1.27.0", false), ("1.31.4", false), ("1.32.0", true), ("v1.35.0-eks-5e0fdde", true)])
    func theOptionDecides(version: String, enabled: Bool) throws {
        let run = try initialize(["--kubelet-version", version])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.config.contains("\nenable_cdi = \(enabled)\n"), "\(run.config)")
        #expect(run.stderr.contains("(from --kubelet-version)"), "\(run.stderr)")
    }

    @Test func theVersionFileUnderTheRootIsRead() throws {
        let run = try initialize([], versionFile: "v1.31.2-eks-abcdef0\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.config.contains("\nenable_cdi = false\n"), "\(run.config)")
        #expect(run.stderr.contains("kubelet 1.31.2 (from /etc/eks/kubelet-version.txt)"), "\(run.stderr)")
    }

    @Test func noKubeletMeansCDIOnWithAWarning() throws {
        #expect(
            !FileManager.default.fileExists(atPath: "/usr/bin/kubelet"), "this test expects a machine without kubelet")
        let run = try initialize([])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.config.contains("\nenable_cdi = true\n"), "\(run.config)")
        #expect(
            run.stderr.contains(
                "warning: kubelet's version is unknown; enable_cdi = true, nodeadm's setting for kubelet 1.32 "
                    + "and later (--kubelet-version decides)"
            ), "\(run.stderr)")
    }

    @Test func aBadOptionIsAUsageError() throws {
        let run = try initialize(["--kubelet-version", "latest"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--kubelet-version latest is not a version like 1.32.0"), "\(run.stderr)")
    }
}
