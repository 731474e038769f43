import Glibc

/// Runs blocking work on a new thread of its own and awaits its result.
///
/// Swift's concurrency pool has one thread per core (two on a small node). Work that waits on a
/// socket or a child process must not hold one of them: a second such wait would stall every other
/// task in the process. A thread costs tens of microseconds to start, which is nothing next to
/// the waits it is used for.
enum DedicatedThread {
    static func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            let job = Unmanaged.passRetained(Job { continuation.resume(returning: work()) })
            var thread = pthread_t()
            let started = pthread_create(
                &thread, nil,
                { context in
                    Unmanaged<Job>.fromOpaque(context!).takeRetainedValue().body()
                    return nil
                }, job.toOpaque())
            if started == 0 {
                pthread_detach(thread)
            } else {
                // No thread to be had (resource limits): block this one rather than fail.
                job.takeRetainedValue().body()
            }
        }
    }

    private final class Job {
        let body: () -> Void

        init(_ body: @escaping () -> Void) {
            self.body = body
        }
    }
}
