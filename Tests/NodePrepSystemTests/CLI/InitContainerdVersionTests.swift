import Foundation
import Testing

/// `nodeprep init` on this machine's real containerd (Debian's 1.x) without `--containerd-version`:
/// it learns the version from containerd's build information, starts no `containerd` child (seen
/// with `strace -f`), and writes the same version 2 config as when told the version.
struct InitContainerdVersionTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    /// Every program `run` starts, children included: `run` gets the `strace -f` command to put
    /// in front of its own.
    func programsStarted(by run: (_ wrapper: [String]) throws -> Void) throws -> [String] {
        // `1234  execve("/usr/bin/containerd", ["/usr/bin/containerd", "--version"], …) = 0`
        try SyscallTrace.lines(of: "execve", in: folder, run: run).compactMap { line in
            line.firstRange(of: "execve(\"").map { String(line[$0.upperBound...].prefix { $0 != "\"" }) }
        }
    }

    @Test func initReadsTheVersionWithoutStartingContainerd() throws {
        let userData = try KarpenterStyleUserData.file(
            [
                KarpenterStyleUserData.shellScript, KarpenterStyleUserData.userNodeConfig,
                KarpenterStyleUserData.generatedNodeConfig,
            ],
            in: folder)
        let root = try TemporaryFolder()
        var traced: NodePrepBinary.Result?
        let programs = try programsStarted { wrapper in
            traced = try NodePrepBinary.run(["init", "--root", root.path, "-c", "file://" + userData], under: wrapper)
        }
        let result = try #require(traced)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(programs == [try NodePrepBinary.path()], "programs started: \(programs)")
        #expect(result.stderr.contains("containerd 1.x (from its build information)"), "\(result.stderr)")

        let told = try TemporaryFolder()
        let toldResult = try NodePrepBinary.run(
            ["init", "--root", told.path, "-c", "file://" + userData, "--containerd-version", "1.6.20"])
        #expect(toldResult.status == 0, "\(toldResult.stderr)")
        #expect(toldResult.stderr.contains("containerd 1.6.20 (from --containerd-version)"), "\(toldResult.stderr)")
        let config = try String(contentsOfFile: root.path + "/etc/containerd/config.toml", encoding: .utf8)
        #expect(config.contains("\nversion = 2\n"), "\(config)")
        #expect(config == (try String(contentsOfFile: told.path + "/etc/containerd/config.toml", encoding: .utf8)))
    }

    /// The trace does see a child's `execve`: the same check on a program that runs
    /// `containerd --version` finds it.
    @Test func theTraceSeesAContainerdChild() throws {
        let programs = try programsStarted { wrapper in
            let command = wrapper + ["/bin/sh", "-c", "/usr/bin/containerd --version >/dev/null"]
            let process = Process()
            process.executableURL = URL(fileURLWithPath: command[0])
            process.arguments = Array(command.dropFirst())
            try process.run()
            process.waitUntilExit()
        }
        #expect(programs == ["/bin/sh", "/usr/bin/containerd"])
    }
}
