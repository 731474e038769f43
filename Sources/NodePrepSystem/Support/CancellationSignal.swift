import Glibc

/// A pipe whose read end becomes readable when the awaiting task is cancelled, so a thread blocked
/// in `poll` on a socket wakes at once instead of at its deadline.
final class CancellationSignal: Sendable {
    /// The descriptor to poll for `POLLIN`; -1 when no pipe could be made (then only deadlines end waits).
    let descriptor: Int32
    private let writeEnd: Int32

    init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
                _ = fcntl(end, F_SETFL, O_NONBLOCK)
            }
        } else {
            ends = [-1, -1]
        }
        descriptor = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if writeEnd >= 0 { close(writeEnd) }
    }

    func fire() {
        guard writeEnd >= 0 else { return }
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Runs `work` on its own thread; cancelling the calling task fires this signal.
    func runOnDedicatedThread<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withTaskCancellationHandler {
            await DedicatedThread.run(work)
        } onCancel: {
            fire()
        }
    }
}
