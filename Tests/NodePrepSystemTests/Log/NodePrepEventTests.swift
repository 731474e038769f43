import Logging
import Testing

@testable import NodePrepSystem

struct NodePrepEventTests {
    @Test func messageIDsAreDistinct128BitHexValues() {
        let ids = NodePrepEvent.allCases.map(\.messageID)
        #expect(Set(ids).count == NodePrepEvent.allCases.count)
        for id in ids {
            #expect(id.count == 32)
            #expect(id.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        }
    }

    @Test func metadataAddsTheEventEntry() {
        let metadata = NodePrepEvent.fileWritten.metadata(["path": "/etc/containerd/config.toml"])
        #expect(metadata == ["event": "file-written", "path": "/etc/containerd/config.toml"])
    }

    @Test func theEventEntryWinsOverAStaleOne() {
        #expect(NodePrepEvent.ready.metadata(["event": "other"]) == ["event": "ready"])
    }
}
