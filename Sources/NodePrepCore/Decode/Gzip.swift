import CZlib

/// gzip decompression with a hard output limit, so a gzip bomb in user data is an error, not an
/// out-of-memory kill on the boot path.
enum Gzip {
    enum Failure: Error, Equatable, CustomStringConvertible {
        case tooLarge(limit: Int)
        case corrupt(String)

        var description: String {
            switch self {
            case .tooLarge(let limit): return "expands to more than \(limit) bytes"
            case .corrupt(let reason): return reason
            }
        }
    }

    /// Whether the bytes start with the gzip magic number `1f 8b` (nodeadm's test, too).
    static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    static func decompress(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        // 16 + MAX_WBITS: expect a gzip header and trailer.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = input
        let result: Int32 = input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            var status = Z_OK
            while status == Z_OK {
                status = chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = uInt(chunkBuffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                if output.count + produced > limit { return Z_MEM_ERROR }
                output += chunk[..<produced]
                if status == Z_BUF_ERROR && stream.avail_in == 0 { return Z_DATA_ERROR }
            }
            return status
        }
        switch result {
        case Z_STREAM_END: return output
        case Z_MEM_ERROR: throw .tooLarge(limit: limit)
        default: throw .corrupt(stream.msg.map { String(cString: $0) } ?? "truncated or corrupt data")
        }
    }
}
