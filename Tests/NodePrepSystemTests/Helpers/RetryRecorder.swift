import NodePrepSystem
import Synchronization

/// Collects the retry events an IMDS client reports, for assertions after the call.
final class RetryRecorder: Sendable {
    private let events = Mutex<[IMDSRetryEvent]>([])

    var recorded: [IMDSRetryEvent] {
        events.withLock { $0 }
    }

    var handler: @Sendable (IMDSRetryEvent) -> Void {
        { event in self.events.withLock { $0.append(event) } }
    }
}
