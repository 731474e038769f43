import Foundation
import FoundationNetworking
import Synchronization

/// Stops a request whose answer grows past a limit, as its bytes arrive.
///
/// URLSession would otherwise collect an answer of any size in memory before handing it back. As
/// the request's task delegate this sees each piece of the body and cancels the task as soon as
/// the total passes `limit`, so an oversized answer costs at most one piece beyond it.
final class AnswerSizeLimit: NSObject, URLSessionDataDelegate, Sendable {
    let limit: Int
    private let received = Mutex(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Whether the answer has passed the limit (and the request was cancelled for it).
    var exceeded: Bool {
        received.withLock { $0 > limit }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let total = received.withLock { count in
            count += data.count
            return count
        }
        if total > limit { dataTask.cancel() }
    }
}
