import Glibc

/// A plain TCP connection that sends HTTP/1.1 requests and reads their answers, each step bounded
/// by one deadline and interruptible through a cancellation descriptor.
///
/// IMDS speaks plain HTTP on a link-local address, so a socket and a small parser are all a client
/// needs. Going through URLSession instead would load libcurl (and the 30 libraries behind it) and
/// spend about 15 ms setting up a session at every boot, for three requests of a few bytes.
///
/// Calls block the calling thread; ``IMDSTransport`` runs them on a thread of their own.
final class HTTPConnection {
    /// The socket; -1 once ``release()`` handed it on.
    private(set) var descriptor: Int32
    /// Bytes received beyond the answers parsed so far.
    private var pending: [UInt8] = []
    /// Bytes of the current answer received so far, to tell "no answer" from "cut off".
    private(set) var receivedAnswerBytes = 0

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Adopts a socket that ``release()`` handed on after a clean exchange.
    convenience init(reusing descriptor: Int32) {
        self.init(descriptor: descriptor)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Hands the socket on for the next request; nil (and the socket is closed) when stray bytes
    /// follow the last answer, since they would be taken for the next one.
    func release() -> Int32? {
        guard pending.isEmpty else { return nil }
        defer { descriptor = -1 }
        return descriptor
    }

    /// Connects to the first address of `host` that answers before the deadline.
    static func open(host: String, port: Int, until deadline: ContinuousClock.Instant, cancel: Int32)
        throws(HTTPFailure) -> HTTPConnection
    {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw .hostNotFound
        }
        defer { freeaddrinfo(list) }
        var lastFailure = HTTPFailure.refused
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry?.pointee {
            entry = address.ai_next
            do {
                return try connect(address, until: deadline, cancel: cancel)
            } catch .refused {
                lastFailure = .refused
            } catch {
                throw error
            }
        }
        throw lastFailure
    }

    private static func connect(_ address: addrinfo, until deadline: ContinuousClock.Instant, cancel: Int32)
        throws(HTTPFailure) -> HTTPConnection
    {
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let descriptor = socket(address.ai_family, type, 0)
        guard descriptor >= 0 else { throw .system("socket", errno) }
        let connection = HTTPConnection(descriptor: descriptor)
        var noDelay: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        if Glibc.connect(descriptor, address.ai_addr, address.ai_addrlen) == 0 { return connection }
        guard errno == EINPROGRESS || errno == EINTR else { throw Self.connectFailure(errno) }
        try connection.wait(for: Int16(POLLOUT), until: deadline, cancel: cancel)
        var failure: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &length)
        guard failure == 0 else { throw Self.connectFailure(failure) }
        return connection
    }

    private static func connectFailure(_ code: Int32) -> HTTPFailure {
        switch code {
        case ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, ETIMEDOUT, EADDRNOTAVAIL: return .refused
        default: return .system("connect", code)
        }
    }

    /// Sends `request` whole (a closed peer is an error, never SIGPIPE).
    func send(_ request: [UInt8], until deadline: ContinuousClock.Instant, cancel: Int32) throws(HTTPFailure) {
        var offset = 0
        while offset < request.count {
            let sent = request.withUnsafeBytes { raw in
                Glibc.send(descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent >= 0 {
                offset += sent
            } else if errno == EAGAIN || errno == EINTR {
                try wait(for: Int16(POLLOUT), until: deadline, cancel: cancel)
            } else {
                throw errno == EPIPE || errno == ECONNRESET ? .closed : .system("send", errno)
            }
        }
    }

    /// Reads one answer; `expectsBody` is false for HEAD requests.
    func receive(expectsBody: Bool, limit: Int, until deadline: ContinuousClock.Instant, cancel: Int32)
        throws(HTTPFailure) -> HTTPAnswer
    {
        receivedAnswerBytes = 0
        var reader = HTTPAnswerReader(limit: limit)
        while true {
            if let answer = try reader.parse(&pending, expectsBody: expectsBody) {
                return answer
            }
            let count = try fill(until: deadline, cancel: cancel)
            if count == 0 {
                // End of stream: complete only for a body that runs until the close.
                guard let answer = try reader.finishAtEndOfStream(&pending) else {
                    throw receivedAnswerBytes == 0 ? .closed : .cutOff(reader.cutOff)
                }
                return answer
            }
        }
    }

    /// Appends what the socket has to `pending`; returns the count, 0 at end of stream.
    private func fill(until deadline: ContinuousClock.Instant, cancel: Int32) throws(HTTPFailure) -> Int {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count >= 0 {
                pending += chunk[..<count]
                receivedAnswerBytes += count
                return count
            }
            switch errno {
            case EAGAIN, EINTR: try wait(for: Int16(POLLIN), until: deadline, cancel: cancel)
            case ECONNRESET: return 0
            default: throw .system("recv", errno)
            }
        }
    }

    /// Waits until the socket is ready for `events`, the deadline passes, or `cancel` becomes readable.
    private func wait(for events: Int16, until deadline: ContinuousClock.Instant, cancel: Int32) throws(HTTPFailure) {
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { throw .timedOut }
            let (seconds, attoseconds) = remaining.components
            let milliseconds = Int32(clamping: seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
            var watched = [
                pollfd(fd: descriptor, events: events, revents: 0),
                pollfd(fd: cancel, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&watched, cancel >= 0 ? 2 : 1, milliseconds)
            if ready < 0 {
                guard errno == EINTR else { throw .system("poll", errno) }
                continue
            }
            if cancel >= 0, watched[1].revents != 0 { throw .cancelled }
            if watched[0].revents != 0 { return }
        }
    }
}
