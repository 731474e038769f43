import Foundation
import NodePrepCore
import Testing

@testable import NodePrepSystem

/// What `nodeprep init` finds after a run that was killed, and what it must make of it.
@Suite struct InitCrashRecoveryTests {
    static let nodeAddress = "10.31.0.4"

    static let prependingMirror = KarpenterStyleUserData.Part(
        contentType: "application/vnd.nodeprep+yaml",
        body: """
            apiVersion: nodeprep.dev/v1alpha1
            kind: MirrorConfig
            spec:
              registries: [https://docker.io, https://ghcr.io]
              targets: ["http://${NODE_IP}:30020"]
              prependExisting: true

            """)

    /// A first run was killed after it moved docker.io's folder into the backup staging folder but
    /// before it moved ghcr.io's. The next run must prepend the old hosts of both registries, and
    /// finish the backup with both.
    @Test func backupInterruptedHalfwayStillPrependsEveryOldHost() async throws {
        let harness = try InitPipelineHarness(
            userData: KarpenterStyleUserData.encoded([Self.prependingMirror]),
            serverOptions: ["--local-ipv4", Self.nodeAddress])
        let certs = "etc/containerd/certs.d/"
        let dockerHosts =
            "server = 'https://registry-1.docker.io'\n\n[host.'https://docker-cache.corp.example']\ncapabilities = ['pull']\n"
        let ghcrHosts =
            "server = 'https://ghcr.io'\n\n[host.'https://ghcr-cache.corp.example']\ncapabilities = ['pull']\n"
        try harness.root.write(certs + PlanWriter.backupStagingName + "/docker.io/hosts.toml", Array(dockerHosts.utf8))
        try harness.root.write(certs + "ghcr.io/hosts.toml", Array(ghcrHosts.utf8))

        _ = try await harness.pipeline().run()

        let docker = try #require(try harness.read("/etc/containerd/certs.d/docker.io/hosts.toml"))
        let ghcr = try #require(try harness.read("/etc/containerd/certs.d/ghcr.io/hosts.toml"))
        #expect(docker.contains("[host.'http://\(Self.nodeAddress):30020']"))
        #expect(docker.contains("[host.'https://docker-cache.corp.example']"), "\(docker)")
        #expect(ghcr.contains("[host.'https://ghcr-cache.corp.example']"), "\(ghcr)")
        #expect(try harness.read("/etc/containerd/certs.d/_backup/docker.io/hosts.toml") == dockerHosts)
        #expect(try harness.read("/etc/containerd/certs.d/_backup/ghcr.io/hosts.toml") == ghcrHosts)
        #expect(
            FileInspection.names(inFolder: harness.fileSystem.hostPath("/etc/containerd/certs.d"))
                == ["_backup", "docker.io", "ghcr.io"])
    }

    /// `Support/crash_test.py`: 100 SIGKILLs at random moments of real runs of the built binary,
    /// each followed by a check of every file and containerd's `config dump`, then a run that must
    /// converge to a clean run's result. The script's docstring has the details.
    @Test(.timeLimit(.minutes(3)))
    func killedAtRandomMomentsEveryFileIsOldOrNewAndTheNextRunConverges() async throws {
        let script = try #require(
            Bundle.module.url(forResource: "crash_test", withExtension: "py", subdirectory: "Support"))
        let arguments = [
            script.path, "--nodeprep", try NodePrepBinary.path(), "--containerd", try Tools.locate().containerd,
            "--kills", "100",
        ]
        let (status, output) = try await DedicatedThread.run {
            Result { try Self.runPython(arguments) }
        }.get()
        let summaryLine = try #require(output.split(separator: "\n").last { $0.hasPrefix("{") }, "\(output)")
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(summaryLine.utf8)) as? [String: Any], "\(output)")
        #expect(status == 0, "\(output)")
        #expect(summary["violations"] as? [String] == [])
        #expect((summary["killed_mid_run"] as? Int ?? 0) >= 100)
    }

    private static func runPython(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
