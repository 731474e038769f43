import Foundation
import FoundationNetworking

/// One HTTP exchange with IMDS over URLSession: a single attempt, no retries, no token logic.
///
/// It turns everything that can go wrong on the wire into an ``IMDSError`` that names the path,
/// and bounds the whole exchange (connecting, sending, the complete answer) by the attempt
/// timeout itself (``IMDSExchange``): FoundationNetworking rounds `URLRequest.timeoutInterval`
/// down to whole seconds and counts it from the last byte received, so it only serves as a
/// backstop here. An exchange in flight ends within its timeout; cancelling the awaiting task
/// does not cut it shorter.
final class IMDSTransport: Sendable {
    struct Response: Sendable {
        let status: Int
        let body: [UInt8]
    }

    private let endpoint: IMDSEndpoint
    private let session: IMDSSession

    init(endpoint: IMDSEndpoint, session: IMDSSession) {
        self.endpoint = endpoint
        self.session = session
    }

    /// Sends one request and waits at most `timeout` for the complete answer, whose body may be
    /// at most `limit` bytes.
    func send(method: String, path: String, headers: [String: String], limit: Int, timeout: Duration)
        async throws(IMDSError) -> Response
    {
        guard timeout > .zero else { throw IMDSError(path: path, reason: .timedOut(.zero)) }
        var request = URLRequest(url: endpoint.url(for: path))
        request.httpMethod = method
        request.cachePolicy = .reloadIgnoringLocalCacheData
        request.timeoutInterval = Double(timeout.components.seconds) + 2
        request.setValue("nodeprep", forHTTPHeaderField: "User-Agent")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let urlSession = await session.session
        let delegate = session.delegate
        let outcome = await withCheckedContinuation { continuation in
            let exchange = IMDSExchange(limit: limit, continuation: continuation)
            let task = urlSession.dataTask(with: request)
            delegate.register(exchange, for: task)
            exchange.start(task, timeout: timeout)
        }
        switch outcome {
        case .answered(let status, let body, let expectedLength, let contentEncoded):
            // An answer cut short can still end "successfully" when the connection closes
            // cleanly. Only a 200's body is ever used.
            if status == 200, !contentEncoded, expectedLength >= 0, expectedLength != Int64(body.count) {
                throw IMDSError(path: path, reason: .truncatedBody(expected: Int(expectedLength), received: body.count))
            }
            return Response(status: status, body: body)
        case .failed(let code):
            throw IMDSError(path: path, reason: Self.reason(for: URLError(code), timeout: timeout))
        case .tooLarge:
            throw IMDSError(path: path, reason: .answerTooLarge(limit: limit))
        case .timedOut:
            throw IMDSError(path: path, reason: .timedOut(timeout))
        }
    }

    private static func reason(for error: URLError, timeout: Duration) -> IMDSError.Reason {
        switch error.code {
        case .timedOut:
            return .timedOut(timeout)
        case .cancelled:
            return .cancelled
        case .cannotConnectToHost:
            return .connectionFailed("refused or unreachable")
        case .networkConnectionLost:
            return .connectionFailed("connection lost before the answer was complete")
        case .badServerResponse, .zeroByteResource:
            return .connectionFailed("empty or unreadable answer")
        case .cannotFindHost, .dnsLookupFailed:
            return .connectionFailed("host not found")
        case .notConnectedToInternet:
            return .connectionFailed("network unreachable")
        default:
            return .connectionFailed("URLError \(error.code.rawValue)")
        }
    }
}
