import Glibc

extension DirectoryHandle {
    /// Temporary files are `.nodeprep-<random hex>.tmp`: hidden, and never a name containerd reads.
    static let temporaryPrefix = ".nodeprep-"
    static let temporarySuffix = ".tmp"

    /// The first half of replacing `name` atomically: writes `contents` with permission bits `mode`
    /// to a new temporary file in this folder (O_EXCL, O_NOFOLLOW) and returns its name, or nil,
    /// touching nothing (not even the mtime), when `name` already has these contents and mode.
    /// The caller makes the data durable (``StagedWrites`` flushes the filesystem once for many
    /// files); ``commitStagedFile(_:as:)`` is the second half.
    /// `knownMissing`: `name` cannot exist yet (its folder was just created), so it is not read.
    func stageFile(_ name: String, contents: [UInt8], mode: UInt32, knownMissing: Bool = false)
        throws(NodeFileError) -> String?
    {
        let permissions = mode & 0o7777
        if !knownMissing, let existing = try readRegularFile(name), existing.contents == contents,
            existing.mode == permissions
        {
            return nil
        }
        let temporaryName =
            Self.temporaryPrefix + String(UInt64.random(in: .min ... .max), radix: 16) + Self.temporarySuffix
        let temporaryPath = path.appending(temporaryName)
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
        let file = try Syscall.check("openat", path: temporaryPath) {
            openat(descriptor, temporaryName, flags, mode_t(permissions))
        }
        do {
            defer { close(file) }
            // The umask may have cleared bits from the open() mode; the plan's mode is exact.
            try Syscall.check("fchmod", path: temporaryPath) { fchmod(file, mode_t(permissions)) }
            try Self.writeAll(contents, to: file, path: temporaryPath)
        } catch {
            unlinkat(descriptor, temporaryName, 0)
            throw error
        }
        return temporaryName
    }

    /// The second half: renames the staged file over `name` (removing it if that fails). The
    /// rename is durable once this folder is synced.
    func commitStagedFile(_ temporaryName: String, as name: String) throws(NodeFileError) {
        do {
            try rename(temporaryName, to: self, as: name)
        } catch {
            unlinkat(descriptor, temporaryName, 0)
            throw error
        }
    }

    /// Removes the temporary files a run that was killed mid-write left here; returns how many.
    /// Only regular files named like nodeprep's temporaries are touched.
    @discardableResult
    func removeStaleTemporaryFiles() throws(NodeFileError) -> Int {
        var removed = 0
        for name in try entries() where Self.isTemporaryName(name) {
            guard try kind(of: name) == .regularFile else { continue }
            try Syscall.check("unlinkat", path: path.appending(name)) { unlinkat(descriptor, name, 0) }
            removed += 1
        }
        return removed
    }

    static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(temporaryPrefix) && name.hasSuffix(temporarySuffix)
            && name.count > temporaryPrefix.count + temporarySuffix.count
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
