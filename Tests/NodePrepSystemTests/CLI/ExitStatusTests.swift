import Dispatch
import Foundation
import Testing

/// The built binary's exit codes and what it tells systemd (`ERRNO=`) when a run fails: the exit
/// code names the kind of failure, `ERRNO=` what the system said.
@Suite struct ExitStatusTests {
    struct Failure {
        var result: NodePrepBinary.Result
        /// Every notification datagram, in order (libsystemd's `BARRIER=1` included).
        var notifications: [String]
        /// The failure notification's lines: `STATUS=failed: …` and `ERRNO=…`.
        var failed: [Substring] {
            notifications.last { $0.contains("ERRNO=") }?.split(separator: "\n") ?? []
        }
        var status: Substring? { failed.first { $0.hasPrefix("STATUS=") } }
        var errno: Int32? {
            failed.first { $0.hasPrefix("ERRNO=") }.flatMap { Int32($0.dropFirst("ERRNO=".count)) }
        }
    }

    /// Runs nodeprep with `NOTIFY_SOCKET` set, reading the datagrams while it runs (after `ERRNO=`
    /// libsystemd waits for systemd to have read everything).
    func run(_ arguments: [String]) throws -> Failure {
        let listener = try DatagramListener()
        let socketPath = listener.path
        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<NodePrepBinary.Result, any Error>?
        DispatchQueue.global().async {
            outcome = Result { try NodePrepBinary.run(arguments, environment: ["NOTIFY_SOCKET": socketPath]) }
            finished.signal()
        }
        var notifications: [String] = []
        while finished.wait(timeout: .now()) == .timedOut {
            if let datagram = try listener.receive(waitingUpTo: 100) {
                notifications.append(datagram)
            }
        }
        while let datagram = try listener.receive(waitingUpTo: 0) {
            notifications.append(datagram)
        }
        return Failure(result: try #require(outcome).get(), notifications: notifications)
    }

    /// `init` under `root` (a folder path) reading `source`, with nothing left to look up.
    func initArguments(root: String, source: String) -> [String] {
        ["init", "--root", root, "-c", source, "--containerd-version", "1.7.20", "--node-address", "10.0.0.1"]
    }

    /// A valid NodeConfig source in `folder` that sets nothing.
    func emptyNodeConfig(in folder: TemporaryFolder) throws -> String {
        "file://"
            + (try folder.write(
                "node.yaml", Array("apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec: {}\n".utf8)))
    }

    @Test func aMissingFileSourceExits69WithENOENT() throws {
        let root = try TemporaryFolder()
        let absent = root.path("absent.yaml")
        let failure = try run(initArguments(root: root.path, source: "file://" + absent))
        #expect(failure.result.status == 69, "\(failure.result.stderr)")
        #expect(failure.errno == ENOENT, "\(failure.notifications)")
        #expect(failure.status?.hasPrefix("STATUS=failed: cannot read configuration: \(absent)") == true)
        #expect(failure.result.stderr.contains("\(absent): no such file or folder"))
    }

    @Test func invalidConfigurationExits65WithEINVAL() throws {
        let root = try TemporaryFolder()
        let broken = try root.write(
            "broken.yaml", Array("apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec: 1\n".utf8))
        let failure = try run(initArguments(root: root.path, source: "file://" + broken))
        #expect(failure.result.status == 65, "\(failure.result.stderr)")
        #expect(failure.errno == EINVAL, "\(failure.notifications)")
        #expect(failure.result.stderr.contains("\(broken) line 3:7: spec must be"), "\(failure.result.stderr)")
    }

    /// sysfs refuses new folders even to root: a real filesystem that cannot be written.
    @Test func anUnwritableRootExits73WithTheKernelsErrno() throws {
        let folder = try TemporaryFolder()
        let failure = try withExtendedLifetime(folder) {
            try run(initArguments(root: "/sys/kernel", source: try emptyNodeConfig(in: folder)))
        }
        #expect(failure.result.status == 73, "\(failure.result.stderr)")
        #expect(failure.errno == EPERM, "\(failure.notifications)")
        #expect(failure.result.stderr.contains("Operation not permitted (errno \(EPERM))"), "\(failure.result.stderr)")
    }

    /// A symlink where the node's folder should be is refused before anything is written.
    @Test func aSymlinkedFolderExits74WithELOOP() throws {
        let root = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: root.path("node/etc"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: root.path("node/etc/containerd"), withDestinationPath: "/tmp")
        let failure = try run(initArguments(root: root.path("node"), source: try emptyNodeConfig(in: root)))
        #expect(failure.result.status == 74, "\(failure.result.stderr)")
        #expect(failure.errno == ELOOP, "\(failure.notifications)")
    }

    /// `config dump -o` into a full device: the write's own errno, not a made-up one.
    @Test func dumpIntoAFullDeviceExits73WithENOSPC() throws {
        let folder = try TemporaryFolder()
        let result = try withExtendedLifetime(folder) {
            try NodePrepBinary.run(["config", "dump", "-c", try emptyNodeConfig(in: folder), "-o", "/dev/full"])
        }
        #expect(result.status == 73, "\(result.stderr)")
        #expect(
            result.stderr.contains("/dev/full: write failed: No space left on device (errno \(ENOSPC))"),
            "\(result.stderr)")
    }
}
