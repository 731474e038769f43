import CSystemd

#if canImport(Glibc)
import Glibc
#endif

/// Sends one entry over journald's native protocol with `sd_journal_sendv`.
///
/// `sd_journal_send` is variadic and cannot be called from Swift, so the fields are laid out
/// in one buffer and handed over as an `iovec` array.
enum JournalWriter {
    /// Sends the fields as one entry.
    ///
    /// - Returns: 0 on success, or the negative errno libsystemd reported.
    ///
    /// The corresponding C function is `sd_journal_sendv`.
    static func send(_ fields: [String]) -> Int32 {
        withIOVectors(fields) { vectors in
            sd_journal_sendv(vectors.baseAddress, Int32(vectors.count))
        }
    }

    /// Calls `body` with one `iovec` per field, pointing into a single buffer that lives for
    /// the duration of the call. Fields are not NUL-terminated: the lengths say where they end.
    static func withIOVectors<R>(_ fields: [String], _ body: (UnsafeBufferPointer<iovec>) -> R) -> R {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for field in fields {
            let start = bytes.count
            bytes.append(contentsOf: field.utf8)
            ranges.append(start..<bytes.count)
        }
        return bytes.withUnsafeMutableBytes { buffer in
            let vectors = ranges.map { range in
                iovec(iov_base: buffer.baseAddress.map { $0 + range.lowerBound }, iov_len: range.count)
            }
            return vectors.withUnsafeBufferPointer(body)
        }
    }
}
