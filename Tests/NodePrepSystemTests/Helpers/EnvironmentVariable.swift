import Glibc

/// Runs `body` with one environment variable set (or removed, for nil) and restores it after.
///
/// libsystemd reads its sockets' addresses from the environment, and systemd names the journal
/// stream there, so tests of the real behaviour have to change it. Suites that call this are `.serialized`; no other suite reads these names.
func withEnvironment<R>(_ name: String, _ value: String?, _ body: () throws -> R) rethrows -> R {
    let previous = getenv(name).map { String(cString: $0) }
    set(name, value)
    defer { set(name, previous) }
    return try body()
}

private func set(_ name: String, _ value: String?) {
    if let value {
        setenv(name, value, 1)
    } else {
        unsetenv(name)
    }
}
