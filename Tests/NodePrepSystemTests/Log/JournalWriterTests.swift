import Glibc
import Testing

@testable import NodePrepSystem

struct JournalWriterTests {
    @Test func eachFieldGetsAVectorOverExactlyItsBytes() {
        let fields = ["MESSAGE=wrote /etc/containerd/config.toml", "", "NODEPREP_NOTE=two\nlines", "KEY=ünïcödé"]
        let readBack = JournalWriter.withIOVectors(fields) { vectors in
            vectors.map { vector in
                String(decoding: UnsafeRawBufferPointer(start: vector.iov_base, count: vector.iov_len), as: UTF8.self)
            }
        }
        #expect(readBack == fields)
    }

    @Test func lengthsCountBytesNotCharacters() {
        let lengths = JournalWriter.withIOVectors(["K=é", "K=e"]) { vectors in vectors.map(\.iov_len) }
        #expect(lengths == [4, 3])
    }
}
