import Dispatch
import Glibc
import Testing

@testable import NodePrepSystem

/// Sends through the real libsystemd to a real datagram socket standing in for systemd's.
@Suite(.serialized)
struct SystemdNotifierTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let notification: ServiceNotification
        let datagram: String
        var testDescription: String { datagram.split(separator: "\n").first.map(String.init) ?? "" }
    }

    static let cases: [Case] = [
        Case(notification: .ready(status: "wrote 3 files"), datagram: "READY=1\nSTATUS=wrote 3 files"),
        Case(notification: .status("fetching user data"), datagram: "STATUS=fetching user data"),
        Case(notification: .status("line one\nline two"), datagram: "STATUS=line one line two"),
        Case(notification: .extendTimeout(.seconds(30)), datagram: "EXTEND_TIMEOUT_USEC=30000000"),
        Case(notification: .extendTimeout(.milliseconds(1500)), datagram: "EXTEND_TIMEOUT_USEC=1500000"),
        Case(
            notification: .failed(errno: ETIMEDOUT, status: "IMDS did not answer"),
            datagram: "STATUS=IMDS did not answer\nERRNO=110"
        ),
    ]

    @Test(arguments: cases)
    func deliversTheDatagramSystemdExpects(_ testCase: Case) throws {
        let listener = try DatagramListener()
        try withEnvironment("NOTIFY_SOCKET", listener.path) {
            try SystemdNotifier(barrierTimeout: nil).send(testCase.notification)
        }
        #expect(try listener.receive() == testCase.datagram)
    }

    @Test func conveniencesSendTheirNotification() throws {
        let listener = try DatagramListener()
        try withEnvironment("NOTIFY_SOCKET", listener.path) {
            let notifier = SystemdNotifier(barrierTimeout: nil)
            try notifier.status("fetching user data")
            try notifier.extendTimeout(by: .seconds(10))
            try notifier.failed(errno: EIO, status: "no user data")
            try notifier.ready(status: "done")
        }
        #expect(try listener.receive() == "STATUS=fetching user data")
        #expect(try listener.receive() == "EXTEND_TIMEOUT_USEC=10000000")
        #expect(try listener.receive() == "STATUS=no user data\nERRNO=5")
        #expect(try listener.receive() == "READY=1\nSTATUS=done")
    }

    @Test func aFinalNotificationWaitsUntilTheManagerHasReadIt() throws {
        let listener = try DatagramListener()
        let finished = DispatchSemaphore(value: 0)
        let clock = ContinuousClock()
        let start = clock.now
        let (first, second, waited) = try withEnvironment("NOTIFY_SOCKET", listener.path) {
            DispatchQueue.global().async {
                try? SystemdNotifier(barrierTimeout: .seconds(30)).ready(status: "done")
                finished.signal()
            }
            // The barrier's datagram carries a pipe; receiving it without taking the descriptor
            // closes it, which is how systemd answers a barrier.
            let first = try listener.receive()
            let second = try listener.receive()
            return (first, second, finished.wait(timeout: .now() + 10))
        }
        #expect(first == "READY=1\nSTATUS=done")
        #expect(second == "BARRIER=1")
        #expect(waited == .success)
        #expect(clock.now - start < .seconds(10))
    }

    @Test func isSilentOutsideAServiceManager() throws {
        let listener = try DatagramListener()
        try withEnvironment("NOTIFY_SOCKET", nil) {
            try SystemdNotifier().ready(status: "done")
        }
        #expect(try listener.receive(waitingUpTo: 100) == nil)
    }

    @Test func reportsAnUndeliverableNotification() throws {
        let missing = "/tmp/nodeprep-test-no-such-dir/notify.sock"
        let error = #expect(throws: ServiceNotificationError.self) {
            try withEnvironment("NOTIFY_SOCKET", missing) {
                try SystemdNotifier().ready(status: "done")
            }
        }
        #expect(error?.errno == ENOENT)
        #expect(error?.description == "could not notify the service manager (READY=1): No such file or directory")
    }
}
