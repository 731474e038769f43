import Glibc

/// `posix_spawn` file actions that Swift's Glibc module leaves out.
enum SpawnActions {
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34+) is declared outside what the
    /// Glibc module imports, so it is looked up at run time.
    private static let addCloseFrom: AddCloseFrom? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()

    /// Makes the child close every descriptor from `lowest` up, after the actions added so far.
    /// A child that kept a pipe or socket it does not know about would hold up whoever waits
    /// for that to close. Without glibc's action, the descriptors open now are closed one by one.
    static func closeInherited(from lowest: Int32, in actions: inout posix_spawn_file_actions_t) {
        if let addCloseFrom {
            _ = addCloseFrom(&actions, lowest)
            return
        }
        guard let folder = opendir("/proc/self/fd") else { return }
        defer { closedir(folder) }
        let listing = dirfd(folder)
        for name in DirectoryStream.names(folder) {
            if let descriptor = Int32(name), descriptor >= lowest, descriptor != listing {
                posix_spawn_file_actions_addclose(&actions, descriptor)
            }
        }
    }

    /// Makes the child start with no signal blocked or ignored, whatever the calling thread has
    /// (test threads and libdispatch workers block some; a child would inherit that mask).
    static func resetSignals(in attributes: inout posix_spawnattr_t) {
        var noSignals = sigset_t()
        var allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    }
}
