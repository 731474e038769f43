import Glibc
import Synchronization

/// One HTTP exchange with IMDS: a single attempt, no retries, no token logic.
///
/// It speaks HTTP/1.1 over a plain socket (``HTTPConnection``), keeps the connection open for the
/// next request as IMDS allows, and turns everything that can go wrong on the wire into an
/// ``IMDSError`` that names the path. The attempt timeout bounds the whole exchange: connecting,
/// sending and the complete answer.
///
/// Proxy variables (`http_proxy`, …) play no part: IMDS is link-local and is always reached
/// directly. Nothing is read from or written to `$HOME`.
final class IMDSTransport: Sendable {
    struct Response: Sendable {
        let status: Int
        let body: [UInt8]
    }

    /// Larger answers are refused; EC2 caps user data at 16 KB and metadata values are short.
    static let answerLimit = 16 * 1024 * 1024

    private let endpoint: IMDSEndpoint
    /// A connection that completed its last exchange and may carry the next one.
    private let idle = Mutex<Int32?>(nil)

    init(endpoint: IMDSEndpoint) {
        self.endpoint = endpoint
    }

    deinit {
        idle.withLock { descriptor in
            if let descriptor { _ = close(descriptor) }
        }
    }

    /// Sends one request and waits at most `timeout` for the complete answer.
    func send(method: String, path: String, headers: [String: String], timeout: Duration) async throws(IMDSError)
        -> Response
    {
        guard timeout > .zero else { throw IMDSError(path: path, reason: .timedOut(.zero)) }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        let request = requestBytes(method: method, path: path, headers: headers)
        let signal = CancellationSignal()
        let outcome = await signal.runOnDedicatedThread { [self] in
            Result { () throws(HTTPFailure) in
                try exchange(request, expectsBody: method != "HEAD", until: deadline, cancel: signal.descriptor)
            }
        }
        switch outcome {
        case .success(let answer):
            return Response(status: answer.status, body: answer.body)
        case .failure(let failure):
            throw IMDSError(path: path, reason: Self.reason(for: failure, timeout: timeout))
        }
    }

    /// Sends on the idle connection when there is one, else on a new one. A kept connection that
    /// the server closed meanwhile fails before the first byte of the answer; then the request
    /// goes once more over a new connection, as HTTP allows for requests that change nothing.
    private func exchange(_ request: [UInt8], expectsBody: Bool, until deadline: ContinuousClock.Instant, cancel: Int32)
        throws(HTTPFailure) -> HTTPAnswer
    {
        if let kept = idle.withLock({ $0.take() }) {
            let connection = HTTPConnection(reusing: kept)
            do {
                return try exchange(request, on: connection, expectsBody: expectsBody, until: deadline, cancel: cancel)
            } catch .closed {
                // Stale connection; fall through to a new one.
            }
        }
        let connection = try HTTPConnection.open(host: endpoint.host, port: endpoint.port, until: deadline, cancel: cancel)
        return try exchange(request, on: connection, expectsBody: expectsBody, until: deadline, cancel: cancel)
    }

    private func exchange(
        _ request: [UInt8], on connection: HTTPConnection, expectsBody: Bool, until deadline: ContinuousClock.Instant,
        cancel: Int32
    ) throws(HTTPFailure) -> HTTPAnswer {
        try connection.send(request, until: deadline, cancel: cancel)
        let answer = try connection.receive(expectsBody: expectsBody, limit: Self.answerLimit, until: deadline, cancel: cancel)
        if answer.keepAlive, let descriptor = connection.release() {
            let replaced = idle.withLock { slot in
                defer { slot = descriptor }
                return slot
            }
            if let replaced { close(replaced) }
        }
        return answer
    }

    private func requestBytes(method: String, path: String, headers: [String: String]) -> [UInt8] {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: \(endpoint.hostHeader)\r\nUser-Agent: nodeprep\r\nAccept: */*\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            text += "\(name): \(value)\r\n"
        }
        if method == "PUT" || method == "POST" { text += "Content-Length: 0\r\n" }
        return Array((text + "\r\n").utf8)
    }

    private static func reason(for failure: HTTPFailure, timeout: Duration) -> IMDSError.Reason {
        switch failure {
        case .hostNotFound:
            return .connectionFailed("host not found")
        case .refused:
            return .connectionFailed("refused or unreachable")
        case .timedOut:
            return .timedOut(timeout)
        case .cancelled:
            return .cancelled
        case .closed:
            return .connectionFailed("empty answer: the connection closed before it")
        case .cutOff(.head):
            return .connectionFailed("connection lost in the middle of the answer's header")
        case .cutOff(.body(let expected?, let received)):
            return .truncatedBody(expected: expected, received: received)
        case .cutOff(.body(nil, _)):
            return .connectionFailed("connection lost before the answer was complete")
        case .malformed(let detail):
            return .connectionFailed("unreadable answer: \(detail)")
        case .tooLarge(let limit):
            return .malformedValue("answer larger than \(limit / 1024 / 1024) MiB")
        case .system(let call, let code):
            return .connectionFailed("\(call): \(String(cString: strerror(code))) (errno \(code))")
        }
    }
}
