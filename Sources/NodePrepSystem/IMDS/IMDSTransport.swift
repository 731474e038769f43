import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange with IMDS: a single attempt, no retries, no token logic.
///
/// It turns everything that can go wrong on the wire into an ``IMDSError`` that names the path,
/// and it enforces the attempt timeout itself: FoundationNetworking rounds
/// `URLRequest.timeoutInterval` down to whole seconds and treats it as an idle timeout, so a
/// sub-second or total bound needs a race against a timer.
final class IMDSTransport: Sendable {
    struct Response: Sendable {
        let status: Int
        let body: [UInt8]
    }

    private let endpoint: IMDSEndpoint
    private let session: URLSession

    init(endpoint: IMDSEndpoint) {
        self.endpoint = endpoint
        self.session = IMDSSessionFactory.makeSession()
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// Sends one request and waits at most `timeout` for the complete answer.
    func send(method: String, path: String, headers: [String: String], timeout: Duration) async throws(IMDSError)
        -> Response
    {
        guard timeout > .zero else { throw IMDSError(path: path, reason: .timedOut(.zero)) }
        var request = URLRequest(url: endpoint.url(for: path))
        request.httpMethod = method
        request.cachePolicy = .reloadIgnoringLocalCacheData
        // Backstop only (whole seconds, idle-based); the race below is the real bound.
        request.timeoutInterval = (Double(timeout.components.seconds) + 1).rounded(.up)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        do {
            let (data, response) = try await Self.race(timeout: timeout) { [session, request] in
                try await session.data(for: request)
            }
            return try Self.checked(data: data, response: response, path: path)
        } catch let error as IMDSError {
            throw error
        } catch is AttemptTimedOut {
            throw IMDSError(path: path, reason: .timedOut(timeout))
        } catch is CancellationError {
            throw IMDSError(path: path, reason: .cancelled)
        } catch let error as URLError {
            throw IMDSError(path: path, reason: Self.reason(for: error, timeout: timeout))
        } catch {
            throw IMDSError(path: path, reason: .connectionFailed(String(describing: type(of: error))))
        }
    }

    private struct AttemptTimedOut: Error {}

    /// Runs `operation`, or throws ``AttemptTimedOut`` once `timeout` has passed; the loser is
    /// cancelled (URLSession's async API cancels its data task on task cancellation).
    private static func race<T: Sendable>(
        timeout: Duration, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw AttemptTimedOut()
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    private static func checked(data: Data, response: URLResponse, path: String) throws(IMDSError) -> Response {
        guard let http = response as? HTTPURLResponse else {
            throw IMDSError(path: path, reason: .connectionFailed("answer is not HTTP"))
        }
        // A decoded Content-Encoding changes the length, so only plain bodies can be checked.
        let expected = http.expectedContentLength
        let isPlain = http.value(forHTTPHeaderField: "Content-Encoding") == nil
        if isPlain, expected >= 0, expected != Int64(data.count) {
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
