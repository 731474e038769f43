#if canImport(Glibc)
import Glibc
#endif

/// Decides whether a file descriptor is the journal stream systemd connected it to.
///
/// systemd sets `JOURNAL_STREAM=<device>:<inode>` for a service whose standard error goes to
/// the journal. `systemd.exec(5)` recommends upgrading to the native protocol only when that
/// pair matches the descriptor itself: a child whose stderr was redirected inherits the
/// variable, but not the stream.
enum JournalStream {
    /// Whether `descriptor` is the stream named by `journalStream`, the value of `JOURNAL_STREAM`.
    static func isConnected(descriptor: Int32, journalStream: String?) -> Bool {
        guard let journalStream, let expected = parse(journalStream) else { return false }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return false }
        return expected == (UInt64(status.st_dev), UInt64(status.st_ino))
    }

    /// `"<device>:<inode>"` in decimal, as systemd writes it; nil for anything else.
    static func parse(_ value: String) -> (device: UInt64, inode: UInt64)? {
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return nil }
        return (device, inode)
    }
}
