import Glibc

/// What is at a runtime binary's path: nothing, an executable file, or a file that cannot be run.
/// Both `stat` and `access` follow symlinks, as nodeadm's `os.Stat` does.
enum RuntimeFile: Equatable {
    case absent
    case executable
    case notExecutable

    init(_ path: String) {
        var status = stat()
        if stat(path, &status) != 0 {
            self = .absent
        } else {
            self = status.st_mode & S_IFMT == S_IFREG && access(path, X_OK) == 0 ? .executable : .notExecutable
        }
    }
}
