import Foundation
import Testing

/// The template's default runtime: `nvidia` when `/usr/bin/nvidia-container-runtime` (under
/// `--root`) is an executable file, else `runc`; a file there that cannot be executed keeps `runc`
/// and is named in a warning (nodeadm would choose `nvidia` for it).
struct InitNVIDIARuntimeTests {
    static let runtimePath = "usr/bin/nvidia-container-runtime"

    func initialize(runtimeMode: Int?) throws -> (status: Int32, stderr: String, config: String) {
        let folder = try TemporaryFolder()
        let userData = try KarpenterStyleUserData.file([KarpenterStyleUserData.userNodeConfig], in: folder)
        let root = try TemporaryFolder()
        if let runtimeMode {
            let path = try root.write(Self.runtimePath, Array("#!/bin/sh\nexec runc \"$@\"\n".utf8))
            try FileManager.default.setAttributes([.posixPermissions: runtimeMode], ofItemAtPath: path)
        }
        let result = try NodePrepBinary.run([
            "init", "--root", root.path, "-c", "file://" + userData, "--containerd-version", "1.7.20",
            "--kubelet-version", "1.32.0",
        ])
        let config = (try? String(contentsOfFile: root.path + "/etc/containerd/config.toml", encoding: .utf8)) ?? ""
        return (result.status, result.stderr, config)
    }

    @Test func anExecutableRuntimeIsTheDefault() throws {
        let run = try initialize(runtimeMode: 0o755)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.config.contains("default_runtime_name = \"nvidia\""), "\(run.config)")
        #expect(run.config.contains("BinaryName = \"/usr/bin/nvidia-container-runtime\""), "\(run.config)")
        #expect(!run.stderr.contains("warning"), "\(run.stderr)")
    }

    @Test func aFileThatCannotBeExecutedKeepsRuncWithAWarning() throws {
        let run = try initialize(runtimeMode: 0o644)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.config.contains("default_runtime_name = \"runc\""), "\(run.config)")
        #expect(!run.config.contains("nvidia"), "\(run.config)")
        #expect(
            run.stderr.contains(
                "warning: /usr/bin/nvidia-container-runtime is not executable; the default runtime is runc, "
                    + "not nvidia (nodeadm would choose nvidia because the file exists)"), "\(run.stderr)")
    }

    @Test func noRuntimeFileMeansRuncSilently() throws {
        let run = try initialize(runtimeMode: nil)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.config.contains("default_runtime_name = \"runc\""), "\(run.config)")
        #expect(!run.stderr.contains("warning"), "\(run.stderr)")
    }
}
