import CZlib

/// gzip compression with zlib, for test inputs: compressed user data, corrupt and truncated
/// streams, and bombs that are small on the wire and huge once expanded.
enum GzipWriter {
    static func compress(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        // 16 + MAX_WBITS: write a gzip header and trailer.
        let status = deflateInit2_(
            &stream, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "zlib could not start")
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))))
        var input = input
        let written: Int = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END, "zlib could not finish")
                return outputBuffer.count - Int(stream.avail_out)
            }
        }
        return Array(output[..<written])
    }
}
