import CZlib
import Foundation

/// Encoders for building test input. They come from Foundation and zlib, not from nodeprep, so a
/// decoding test never checks nodeprep's decoder against nodeprep's own encoder.
enum Encoding {
    static func utf8(_ text: String) -> [UInt8] {
        Array(text.utf8)
    }

    /// Standard base64 with padding, on one line (as Karpenter and terraform send user data).
    static func base64(_ bytes: [UInt8]) -> [UInt8] {
        Array(Data(bytes).base64EncodedString().utf8)
    }

    static func base64(_ text: String) -> [UInt8] {
        base64(utf8(text))
    }

    /// Base64 wrapped at 76 characters with CRLF, as MIME writers do for
    /// `Content-Transfer-Encoding: base64`.
    static func base64MIMELines(_ bytes: [UInt8]) -> [UInt8] {
        Array(
            Data(bytes).base64EncodedString(options: [
                .lineLength76Characters, .endLineWithCarriageReturn,
                .endLineWithLineFeed,
            ]).utf8)
    }

    /// A complete gzip member (header, deflate data, CRC and length trailer), made by zlib itself:
    /// `deflateInit2` with `windowBits` 31 selects the gzip wrapper.
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        let started = deflateInit2_(
            &stream, Z_BEST_COMPRESSION, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size))
        precondition(started == Z_OK, "zlib deflateInit2 failed")
        defer { deflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
        let status = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        precondition(status == Z_STREAM_END, "zlib deflate did not finish: \(status)")
        return Array(output[..<Int(stream.total_out)])
    }

    static func gzip(_ text: String) -> [UInt8] {
        gzip(utf8(text))
    }
}
