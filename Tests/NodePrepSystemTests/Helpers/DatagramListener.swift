import Glibc

/// A bound `AF_UNIX` datagram socket in a fresh temporary folder: what systemd's notification
/// socket is, so tests can hand its path to libsystemd and read back exactly what arrived.
final class DatagramListener {
    let path: String
    private let directory: String
    private let descriptor: Int32

    init() throws {
        var template = Array("/tmp/nodeprep-test-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw ListenerError.system("mkdtemp", errno) }
        directory = String(cString: made)
        path = directory + "/notify.sock"

        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw ListenerError.system("socket", errno) }

        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw ListenerError.system("bind", errno) }
    }

    deinit {
        close(descriptor)
        unlink(path)
        rmdir(directory)
    }

    /// The next datagram, or nil when none arrives within `milliseconds`.
    func receive(waitingUpTo milliseconds: Int32 = 2_000) throws -> String? {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, milliseconds)
        guard ready > 0 else {
            if ready < 0 { throw ListenerError.system("poll", errno) }
            return nil
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        guard count >= 0 else { throw ListenerError.system("recv", errno) }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    enum ListenerError: Error {
        case system(String, Int32)
    }
}
