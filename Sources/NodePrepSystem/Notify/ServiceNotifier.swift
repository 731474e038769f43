/// Tells the service manager how start-up is going.
///
/// The command depends on this protocol rather than on libsystemd, so a test can record what it
/// would have announced. ``SystemdNotifier`` is the real one.
public protocol ServiceNotifier: Sendable {
    /// Sends one notification.
    ///
    /// - Throws: ``ServiceNotificationError`` when a service manager is listening but the
    ///   message could not be delivered. Not being run by a service manager is not an error.
    func send(_ notification: ServiceNotification) throws
}

extension ServiceNotifier {
    /// Start-up finished (`READY=1`) with a closing status line.
    public func ready(status: String) throws {
        try send(.ready(status: status))
    }

    /// A progress line for `systemctl status` (`STATUS=`).
    public func status(_ text: String) throws {
        try send(.status(text))
    }

    /// More start-up time, counted from now (`EXTEND_TIMEOUT_USEC=`).
    public func extendTimeout(by duration: Duration) throws {
        try send(.extendTimeout(duration))
    }

    /// Start-up failed (`ERRNO=` with a status line).
    public func failed(errno: Int32, status: String) throws {
        try send(.failed(errno: errno, status: status))
    }
}
