import CSystemd

/// Sends notifications with libsystemd's `sd_notify`, to the socket named by `NOTIFY_SOCKET`.
///
/// systemd sets `NOTIFY_SOCKET` only for units that listen (`Type=notify`). Without it
/// `sd_notify` sends nothing and reports success, so a run from a shell stays silent.
/// The variable is read on every call and left in place. Under the unit it is usually `init`'s
/// worker process that notifies, not the unit's main process (`NotifyAccess=all`, see
/// `InitSupervisor`); the barrier below makes sure systemd still knows the sender's unit.
public struct SystemdNotifier: ServiceNotifier {
    /// How long to wait, after a final notification, for systemd to confirm it has read it.
    /// nil sends without waiting.
    public var barrierTimeout: Duration?

    public init(barrierTimeout: Duration? = .seconds(5)) {
        self.barrierTimeout = barrierTimeout
    }

    /// Sends the notification; after `READY=1` or `ERRNO=` also waits for the barrier.
    ///
    /// nodeprep exits right after its final notification. If systemd handled the exit before
    /// the datagram, it could no longer tell which unit sent it; `sd_notify_barrier` returns
    /// once systemd has read everything sent before it. A barrier that times out is not an
    /// error: the message itself was delivered.
    ///
    /// The corresponding C functions are `sd_notify` and `sd_notify_barrier`.
    public func send(_ notification: ServiceNotification) throws {
        let payload = notification.payload
        let result = sd_notify(0, payload)
        if result < 0 {
            throw ServiceNotificationError(errno: -result, payload: payload)
        }
        if result > 0, notification.isFinal, let barrierTimeout {
            _ = sd_notify_barrier(0, UInt64(barrierTimeout.microseconds))
        }
    }
}

extension ServiceNotification {
    /// Whether nodeprep exits after this one.
    var isFinal: Bool {
        switch self {
        case .ready, .failed: true
        case .status, .extendTimeout: false
        }
    }
}
