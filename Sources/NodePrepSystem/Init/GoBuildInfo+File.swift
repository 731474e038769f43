import Glibc
import NodePrepCore

extension GoBuildInfo {
    /// The build information of the executable at `path`, read with a handful of `pread`s: the ELF
    /// headers and one section, a few kilobytes of a containerd binary of some 50 MB. nil when the
    /// file cannot be opened, is not a regular file, or has no build information.
    static func read(executableAt path: String) -> GoBuildInfo? {
        // O_NONBLOCK: a FIFO put where containerd should be must not hang the boot in open().
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        let fileSize = UInt64(status.st_size)
        return GoBuildInfo { offset, count in
            guard count >= 0, offset <= fileSize, UInt64(count) <= fileSize - offset else { return nil }
            return readExactly(count, at: offset, from: descriptor)
        }
    }

    private static func readExactly(_ count: Int, at offset: UInt64, from descriptor: Int32) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { return nil }
            done += result
        }
        return bytes
    }
}
