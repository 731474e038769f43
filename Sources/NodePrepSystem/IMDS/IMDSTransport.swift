import Foundation
import FoundationNetworking

/// One HTTP exchange with IMDS over URLSession: a single attempt, no retries, no token logic.
///
/// It turns everything that can go wrong on the wire into an ``IMDSError`` that names the path,
/// and bounds the whole exchange (connecting, sending, the complete answer) by the attempt
/// timeout itself: FoundationNetworking rounds `URLRequest.timeoutInterval` down to whole seconds
/// and counts it from the last byte received, so it only serves as a backstop here.
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
        let sizeLimit = AnswerSizeLimit(limit: limit)
        let outcome = await Self.race(timeout: timeout) { [session, request] in
            try await session.session.data(for: request, delegate: sizeLimit)
        }
        switch outcome {
        case .answered(let data, let response):
            return try Self.checked(data: data, response: response, path: path, limit: limit)
        case .failed where sizeLimit.exceeded:
            throw IMDSError(path: path, reason: .answerTooLarge(limit: limit))
        case .failed(let error as URLError):
            throw IMDSError(path: path, reason: Self.reason(for: error, timeout: timeout))
        case .failed(is CancellationError):
            throw IMDSError(path: path, reason: .cancelled)
        case .failed(let error):
            throw IMDSError(path: path, reason: .connectionFailed("\(type(of: error))"))
        case .timedOut:
            throw IMDSError(path: path, reason: .timedOut(timeout))
        }
    }

    private enum Outcome: Sendable {
        case answered(Data, URLResponse)
        case failed(any Error)
        case timedOut
    }

    /// Runs `exchange` against a timer; whichever loses is cancelled (cancelling the awaiting task
    /// cancels URLSession's data task, which closes its connection).
    private static func race(
        timeout: Duration, _ exchange: @escaping @Sendable () async throws -> (Data, URLResponse)
    ) async -> Outcome {
        await withTaskGroup(of: Outcome.self) { group in
            group.addTask {
                do {
                    let (data, response) = try await exchange()
                    return .answered(data, response)
                } catch {
                    return .failed(error)
                }
            }
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                    return .timedOut
                } catch {
                    return .failed(CancellationError())
                }
            }
            defer { group.cancelAll() }
            return await group.next() ?? .failed(CancellationError())
        }
    }

    private static func checked(data: Data, response: URLResponse, path: String, limit: Int) throws(IMDSError)
        -> Response
    {
        guard let http = response as? HTTPURLResponse else {
            throw IMDSError(path: path, reason: .connectionFailed("the answer is not HTTP"))
        }
        guard data.count <= limit else { throw IMDSError(path: path, reason: .answerTooLarge(limit: limit)) }
        // An answer cut short can still end "successfully" when the connection closes cleanly.
        // Only a 200's body is ever used (a refused redirect's body is not handed back at all).
        let expected = http.expectedContentLength
        if http.statusCode == 200, http.value(forHTTPHeaderField: "Content-Encoding") == nil, expected >= 0,
            expected != Int64(data.count)
        {
            throw IMDSError(path: path, reason: .truncatedBody(expected: Int(expected), received: data.count))
        }
        return Response(status: http.statusCode, body: [UInt8](data))
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
