import CSystemd

/// Sends notifications with libsystemd's `sd_notify`, to the socket named by `NOTIFY_SOCKET`.
///
/// systemd sets `NOTIFY_SOCKET` only for units that listen (`Type=notify`). Without it
/// `sd_notify` sends nothing and reports success, so a run from a shell stays silent.
/// The variable is read on every call and left in place, so children see it too; nodeprep
/// starts no child that could answer in its name (`NotifyAccess=main` in the unit).
public struct SystemdNotifier: ServiceNotifier {
    public init() {}

    /// The corresponding C function is `sd_notify`.
    public func send(_ notification: ServiceNotification) throws {
        let payload = notification.payload
        let result = sd_notify(0, payload)
        if result < 0 {
            throw ServiceNotificationError(errno: -result, payload: payload)
        }
    }
}
