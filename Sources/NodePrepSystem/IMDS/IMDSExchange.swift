import Dispatch
import Foundation
import FoundationNetworking
import Synchronization

/// One request in flight: collects its answer as URLSession's delegate callbacks deliver it,
/// stops it when the answer passes its size limit or its time is up, and hands the outcome to the
/// request's awaiting task exactly once.
///
/// Requests are driven through the session delegate, never through URLSession's async
/// `data(for:)`: cancelling that call's task while its answer is being delivered deadlocks in
/// FoundationNetworking (the cancellation holds the task's status lock and waits for the session's
/// work queue, which waits for the same lock to resume the task). Here the timer stops the
/// request from a dispatch queue, outside any Swift task.
final class IMDSExchange: Sendable {
    enum Outcome: Sendable {
        case answered(status: Int, body: [UInt8], expectedLength: Int64, contentEncoded: Bool)
        case failed(URLError.Code)
        case tooLarge
        case timedOut
    }

    private struct State {
        var body: [UInt8] = []
        var tooLarge = false
        var timedOut = false
        var continuation: CheckedContinuation<Outcome, Never>?
    }

    let limit: Int
    private let state: Mutex<State>

    init(limit: Int, continuation: CheckedContinuation<Outcome, Never>) {
        self.limit = limit
        state = Mutex(State(continuation: continuation))
    }

    /// Starts `task` and stops it after `timeout` unless it has finished by then.
    func start(_ task: URLSessionDataTask, timeout: Duration) {
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = Int(clamping: seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        task.resume()
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [self] in
            let running = state.withLock { state in
                guard state.continuation != nil else { return false }
                state.timedOut = true
                return true
            }
            if running { task.cancel() }
        }
    }

    /// A piece of the body; past the limit, the request is stopped.
    func received(_ data: Data, on task: URLSessionDataTask) {
        let exceeded = state.withLock { state in
            guard !state.tooLarge else { return false }
            if state.body.count + data.count > limit {
                state.tooLarge = true
                return true
            }
            state.body += data
            return false
        }
        if exceeded { task.cancel() }
    }

    /// The request ended; resumes the awaiting task with what it came to.
    func finished(response: URLResponse?, error: (any Error)?) {
        let (continuation, outcome) = state.withLock { state -> (CheckedContinuation<Outcome, Never>?, Outcome) in
            defer { state.continuation = nil }
            if state.tooLarge { return (state.continuation, .tooLarge) }
            if state.timedOut { return (state.continuation, .timedOut) }
            if let error {
                return (state.continuation, .failed((error as? URLError)?.code ?? .unknown))
            }
            guard let http = response as? HTTPURLResponse else {
                return (state.continuation, .failed(.badServerResponse))
            }
            let encoded = (http.value(forHTTPHeaderField: "Content-Encoding") ?? "identity") != "identity"
            return (
                state.continuation,
                .answered(
                    status: http.statusCode, body: state.body, expectedLength: http.expectedContentLength,
                    contentEncoded: encoded)
            )
        }
        continuation?.resume(returning: outcome)
    }
}
