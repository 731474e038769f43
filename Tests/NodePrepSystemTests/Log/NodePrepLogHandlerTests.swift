import Glibc
import Logging
import Testing

@testable import NodePrepSystem

@Suite(.serialized)
struct NodePrepLogHandlerTests {
    @Test func theMostSpecificMetadataWins() {
        var handler = NodePrepLogHandler(
            output: .standardError,
            metadataProvider: Logger.MetadataProvider { ["source": "provider", "boot": "1"] }
        )
        handler[metadataKey: "source"] = "handler"
        handler[metadataKey: "path"] = "/etc/containerd/config.toml"

        let merged = handler.mergedMetadata(["source": "event"])
        #expect(merged == ["source": "event", "boot": "1", "path": "/etc/containerd/config.toml"])
        #expect(handler.mergedMetadata(nil)["source"] == "provider")
    }

    /// Points JOURNAL_STREAM at this process's real standard error, as systemd would.
    @Test func detectsTheJournalOnlyWhenStandardErrorIsTheNamedStream() throws {
        var status = stat()
        try #require(fstat(STDERR_FILENO, &status) == 0)
        let device = UInt64(status.st_dev)
        let inode = UInt64(status.st_ino)

        let named = withEnvironment("JOURNAL_STREAM", "\(device):\(inode)") { NodePrepLogHandler.Output.detect() }
        let other = withEnvironment("JOURNAL_STREAM", "\(device):\(inode + 1)") { NodePrepLogHandler.Output.detect() }
        let unset = withEnvironment("JOURNAL_STREAM", nil) { NodePrepLogHandler.Output.detect() }

        #expect(named == .journal)
        #expect(other == .standardError)
        #expect(unset == .standardError)
    }
}
