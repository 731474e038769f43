import Glibc
import Testing

@testable import NodePrepSystem

struct JournalStreamTests {
    @Test func parsesDeviceAndInode() {
        let parsed = JournalStream.parse("8:1234567")
        #expect(parsed?.device == 8)
        #expect(parsed?.inode == 1_234_567)
    }

    @Test(arguments: ["", "8", "8:", ":12", "8:12:1", "a:b", "-1:5", " 8:12"])
    func rejectsAnythingElse(value: String) {
        #expect(JournalStream.parse(value) == nil)
    }

    @Test func matchesOnlyTheDescriptorItNames() throws {
        var template = Array("/tmp/nodeprep-test-stream-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        try #require(descriptor >= 0)
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer {
            close(descriptor)
            unlink(path)
        }
        var status = stat()
        try #require(fstat(descriptor, &status) == 0)
        let device = UInt64(status.st_dev)
        let inode = UInt64(status.st_ino)

        #expect(JournalStream.isConnected(descriptor: descriptor, journalStream: "\(device):\(inode)"))
        #expect(!JournalStream.isConnected(descriptor: descriptor, journalStream: "\(device):\(inode + 1)"))
        #expect(!JournalStream.isConnected(descriptor: descriptor, journalStream: "\(device + 1):\(inode)"))
        #expect(!JournalStream.isConnected(descriptor: descriptor, journalStream: nil))
        #expect(!JournalStream.isConnected(descriptor: -1, journalStream: "\(device):\(inode)"))
    }
}
