import Foundation

/// What a program did, seen from outside with `strace -f`: the tests that must show something
/// did *not* happen (no `containerd` child, no URLSession built) read it here.
enum SyscallTrace {
    static func strace() throws -> String {
        guard let path = ["/usr/bin/strace", "/bin/strace"].first(where: FileManager.default.isExecutableFile(atPath:))
        else {
            throw HarnessError("this test needs `strace` (Debian package `strace`); see scripts/install-deps")
        }
        return path
    }

    /// The trace lines of the system call `call` made while `run` ran its programs, children
    /// included: `run` gets the `strace -f` command to put in front of its own. The trace file
    /// goes into `folder`.
    static func lines(of call: String, in folder: TemporaryFolder, run: (_ wrapper: [String]) throws -> Void)
        throws -> [Substring]
    {
        let trace = folder.path("\(call)-\(UUID().uuidString).log")
        try run([try strace(), "-f", "-qq", "-e", "trace=\(call)", "-e", "signal=none", "-o", trace])
        return try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
            .filter { $0.contains("\(call)(") }
    }
}
