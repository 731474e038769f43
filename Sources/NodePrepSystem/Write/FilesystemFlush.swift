import Glibc

/// Makes everything written so far on the filesystems holding some folders durable: one
/// `syncfs(2)` per filesystem, where per-file durability would cost an fsync for every file and
/// every folder (on ext4, each one a journal commit).
enum FilesystemFlush {
    private typealias SyncFS = @convention(c) (Int32) -> Int32

    /// Glibc declares `syncfs` only under `_GNU_SOURCE`, which Swift's Glibc module is built
    /// without, so it is looked up at run time; `sync()` stands in if it is ever missing.
    private static let syncfs: SyncFS? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: SyncFS.self)
    }()

    static func flush(_ folders: [DirectoryHandle]) throws(NodeFileError) {
        guard let syncfs else {
            sync()
            return
        }
        var flushedDevices: Set<UInt64> = []
        for folder in folders {
            var info = stat()
            try Syscall.check("fstat", path: folder.path) { fstat(folder.descriptor, &info) }
            guard flushedDevices.insert(UInt64(info.st_dev)).inserted else { continue }
            try Syscall.check("syncfs", path: folder.path) { syncfs(folder.descriptor) }
        }
    }
}
