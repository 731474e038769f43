import Logging
import Testing

@testable import NodePrepSystem

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

    @Test func aTestRunsOutsideTheJournal() {
        // swift test's standard error is a pipe or terminal, never the stream systemd names.
        #expect(NodePrepLogHandler.Output.detect() == .standardError)
    }
}
