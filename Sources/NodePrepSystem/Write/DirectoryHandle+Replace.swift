import Glibc

extension DirectoryHandle {
    /// Makes `name` hold exactly `contents` with permission bits `mode`, atomically: a new temp
    /// file in this folder (O_EXCL, O_NOFOLLOW) is written, fsynced and renamed over `name`, then
    /// this folder is fsynced. A crash leaves either the old or the new file, never a mix.
    ///
    /// Returns false, touching nothing (not even the mtime), when `name` already has these
    /// contents and mode. A symlink or a folder at `name` is refused, not replaced.
    func replaceFile(_ name: String, contents: [UInt8], mode: UInt32) throws(NodeFileError) -> Bool {
        let permissions = mode & 0o7777
        if let existing = try readRegularFile(name), existing.contents == contents, existing.mode == permissions {
            return false
        }
        let tempName = ".nodeprep-\(String(UInt64.random(in: .min ... .max), radix: 16)).tmp"
        let tempPath = path.appending(tempName)
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
        let file = try Syscall.check("openat", path: tempPath) { openat(descriptor, tempName, flags, mode_t(permissions)) }
        do {
            defer { close(file) }
            // The umask may have cleared bits from the open() mode; the plan's mode is exact.
            try Syscall.check("fchmod", path: tempPath) { fchmod(file, mode_t(permissions)) }
            try Self.writeAll(contents, to: file, path: tempPath)
            try Syscall.check("fsync", path: tempPath) { fsync(file) }
        } catch {
            unlinkat(descriptor, tempName, 0)
            throw error
        }
        do {
            try rename(tempName, to: self, as: name)
        } catch {
            unlinkat(descriptor, tempName, 0)
            throw error
        }
        try sync()
        return true
    }

    private static func writeAll(_ bytes: [UInt8], to file: Int32, path: NodePath) throws(NodeFileError) {
        var offset = 0
        while offset < bytes.count {
            let written = try Syscall.check("write", path: path) {
                bytes.withUnsafeBytes { write(file, $0.baseAddress! + offset, $0.count - offset) }
            }
            offset += written
        }
    }
}
