import Testing

@testable import NodePrepCore

/// gzip decompression with its output limit (the boot path must never run out of memory on a bomb).
@Suite struct GzipTests {
    static let limit = 1 << 20

    @Test func recognisesTheMagicNumber() {
        #expect(Gzip.isCompressed([0x1F, 0x8B]))
        #expect(Gzip.isCompressed(Encoding.gzip("x")))
        #expect(!Gzip.isCompressed([0x1F]))
        #expect(!Gzip.isCompressed([0x8B, 0x1F]))
        #expect(!Gzip.isCompressed(Encoding.utf8("apiVersion: node.eks.aws/v1alpha1")))
    }

    @Test(arguments: [0, 1, 1000, 300_000])
    func decompressesWhatZlibCompressed(length: Int) throws {
        let original = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 251) }
        #expect(try Gzip.decompress(Encoding.gzip(original), limit: Self.limit) == original)
    }

    @Test func acceptsOutputOfExactlyTheLimit() throws {
        let original = [UInt8](repeating: 0x20, count: Self.limit)
        #expect(try Gzip.decompress(Encoding.gzip(original), limit: Self.limit).count == Self.limit)
    }

    @Test func refusesOneByteOverTheLimit() {
        let original = [UInt8](repeating: 0x20, count: Self.limit + 1)
        #expect(throws: Gzip.Failure.tooLarge(limit: Self.limit)) {
            try Gzip.decompress(Encoding.gzip(original), limit: Self.limit)
        }
    }

    /// 64 MiB of zeros compress to about 64 KiB; decompression must stop at the limit, not inflate it all.
    @Test func stopsABombAtTheLimit() {
        let bomb = Encoding.gzip([UInt8](repeating: 0, count: 64 << 20))
        #expect(bomb.count < 100_000)
        #expect(throws: Gzip.Failure.tooLarge(limit: Self.limit)) {
            try Gzip.decompress(bomb, limit: Self.limit)
        }
    }

    /// `gzip a >x; gzip b >>x` is one valid gzip file; Go's reader (nodeadm's) returns both members.
    @Test func readsConcatenatedMembers() throws {
        let both = Encoding.gzip("kind: NodeConfig\n") + Encoding.gzip("spec: {}\n")
        #expect(try Gzip.decompress(both, limit: Self.limit) == Encoding.utf8("kind: NodeConfig\nspec: {}\n"))
    }

    @Test func refusesDataAfterTheLastMember() {
        #expect(throws: Gzip.Failure.corrupt("incorrect header check")) {
            try Gzip.decompress(
                Encoding.gzip("kind: NodeConfig\n") + Encoding.utf8("garbage!garbage!"), limit: Self.limit)
        }
    }

    @Test func reportsATruncatedStream() {
        let whole = Encoding.gzip("apiVersion: node.eks.aws/v1alpha1\n")
        #expect(throws: Gzip.Failure.corrupt("truncated or corrupt data")) {
            try Gzip.decompress(Array(whole.dropLast(8)), limit: Self.limit)
        }
    }

    @Test func reportsCorruptDeflateData() {
        let header: [UInt8] = [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0x03]
        #expect(throws: Gzip.Failure.corrupt("invalid block type")) {
            try Gzip.decompress(header + [0xFF, 0xFF, 0xFF, 0xFF], limit: Self.limit)
        }
    }

    @Test func reportsABadChecksum() {
        var stream = Encoding.gzip("kind: NodeConfig\n")
        stream[stream.count - 8] ^= 0xFF  // first byte of the CRC-32 trailer
        #expect(throws: Gzip.Failure.corrupt("incorrect data check")) {
            try Gzip.decompress(stream, limit: Self.limit)
        }
    }
}
