import Glibc
import NodePrepCore
import Testing

@testable import NodePrepSystem

/// The exit code comes from the failure's code, `ERRNO=` from its underlying error when that carries
/// one: what an operator reads in `systemctl status` is what the system said, not a guess.
@Suite struct NodePrepErrorExitStatusTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let error: NodePrepError
        let exitCode: Int32
        let errno: Int32
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "missing source file", error: source(.missing), exitCode: 69, errno: ENOENT),
        Case(
            name: "unreadable source file", error: source(.system(operation: .read, errno: EACCES)), exitCode: 69,
            errno: EACCES),
        Case(name: "source that is a FIFO", error: source(.notARegularFile), exitCode: 69, errno: EIO),
        Case(
            name: "IMDS unreachable until the deadline",
            error: .sourceUnavailable(
                IMDSError(
                    path: "/latest/api/token",
                    reason: .deadlineExceeded(
                        attempts: 3,
                        lastError: IMDSError(path: "/latest/api/token", reason: .connectionFailed("refused"))
                    ))),
            exitCode: 69, errno: EHOSTUNREACH),
        Case(
            name: "IMDS silent until the deadline",
            error: .sourceUnavailable(
                IMDSError(path: "/latest/user-data", reason: .deadlineExceeded(attempts: 2, lastError: nil))),
            exitCode: 69, errno: ETIMEDOUT),
        Case(
            name: "IMDS disabled, node address needed",
            error: NodePrepError(.sourceUnavailable, "IMDS is disabled; pass --node-address"),
            exitCode: 69, errno: EIO),
        Case(
            name: "unwritable file",
            error: .writeFailed(
                NodeFileError(path: "/etc/containerd", reason: .system(operation: "mkdirat", errno: EROFS))),
            exitCode: 73, errno: EROFS),
        Case(
            name: "symlink in the node's folders",
            error: .nodeUnreadable(NodeFileError(path: "/etc/containerd", reason: .symlink)),
            exitCode: 74, errno: ELOOP),
        Case(
            name: "config.toml is a folder",
            error: .nodeUnreadable(NodeFileError(path: "/etc/containerd/config.toml", reason: .notARegularFile)),
            exitCode: 74, errno: EISDIR),
        Case(
            name: "invalid configuration",
            error: .invalidConfiguration([.error("unknown field spec.x", at: Origin(source: "user-data"))]),
            exitCode: 65, errno: EINVAL),
        Case(
            name: "clean on a node that differs from the record",
            error: NodePrepError(
                .recordMismatch, "the node differs from nodeprep's record",
                underlying: NodeCleaner.Mismatch(differences: ["config.toml was edited"])),
            exitCode: 65, errno: EINVAL),
        Case(
            name: "IMDS answer too large",
            error: .sourceUnavailable(IMDSError(path: "/latest/user-data", reason: .answerTooLarge(limit: 1 << 20))),
            exitCode: 69, errno: EFBIG),
    ]

    static func source(_ reason: SourceLoader.Failure.Reason) -> NodePrepError {
        .sourceUnavailable(SourceLoader.Failure(source: "/etc/x.yaml", reason: reason))
    }

    @Test(arguments: cases)
    func exitCodeFromTheCodeErrnoFromTheCause(_ testCase: Case) {
        #expect(testCase.error.exitCode == testCase.exitCode)
        #expect(testCase.error.errno == testCase.errno)
    }

    @Test func theCauseIsKeptWholeAndLocated() throws {
        let cause = SourceLoader.Failure(source: "/etc/x.yaml", reason: .missing)
        let error = NodePrepError.sourceUnavailable(cause)
        #expect(error.code == .sourceUnavailable)
        #expect(error.underlying as? SourceLoader.Failure == cause)
        #expect(error.location == .file("/etc/x.yaml"))
        #expect(error.description == "cannot read configuration: /etc/x.yaml: no such file or folder")

        let imds = NodePrepError.sourceUnavailable(IMDSError(path: "/latest/user-data", reason: .httpStatus(403)))
        #expect(imds.location == .imds("/latest/user-data"))
    }

    /// A failure that already says what failed is not wrapped a second time.
    @Test func aNodePrepErrorPassesThroughWrapping() {
        let inner = NodePrepError(.sourceUnavailable, "IMDS is disabled; pass --node-address")
        let wrapped = NodePrepError.wrapping(inner, as: .nodeUnreadable, "cannot look up the node address")
        #expect(wrapped.code == .sourceUnavailable)
        #expect(wrapped.description == "IMDS is disabled; pass --node-address")
    }

    /// The real loader on a real missing file: ENOENT, not the network errno an unreachable IMDS gets.
    @Test func aMissingFileSourceIsENOENT() async throws {
        let folder = try TemporaryFolder()
        let loader = SourceLoader(userData: NoUserData())
        let path = folder.path("absent.yaml")
        await #expect {
            _ = try await loader.load([.file(path: path)])
        } throws: { error in
            let failure = NodePrepError.sourceUnavailable(error)
            return failure.exitCode == 69 && failure.errno == ENOENT && failure.location == .file(path)
        }
    }

    @Test func logMetadataNamesCodeErrnoExitStatusAndPath() {
        let error = NodePrepError.writeFailed(
            NodeFileError(path: "/etc/containerd", reason: .system(operation: "openat", errno: EROFS)))
        #expect(
            error.logMetadata == [
                "code": "writeFailed", "errno": "\(EROFS)", "exit-status": "73", "path": "/etc/containerd",
            ])
        let imds = NodePrepError.sourceUnavailable(IMDSError(path: "/latest/user-data", reason: .timedOut(.seconds(1))))
        #expect(imds.logMetadata["imds-path"] == "/latest/user-data")
    }
}
