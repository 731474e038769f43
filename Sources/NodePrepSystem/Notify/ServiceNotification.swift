/// One message to the service manager, in the `sd_notify(3)` wire format.
///
/// nodeprep runs as a `Type=notify` unit: systemd holds back the units ordered after it
/// (containerd) until `READY=1` arrives, and shows the latest `STATUS=` in `systemctl status`.
/// Keeping the message a value lets the wire text be checked without a socket.
public enum ServiceNotification: Sendable, Equatable {
    /// Start-up finished: units ordered after nodeprep may start now.
    case ready(status: String)
    /// A one-line progress note for `systemctl status`.
    case status(String)
    /// Ask for more start-up time, counted from now (`EXTEND_TIMEOUT_USEC=`). Sent while IMDS
    /// retries run, so a slow metadata service is not mistaken for a hung start.
    case extendTimeout(Duration)
    /// Start-up failed with this errno (`ERRNO=`), which `systemctl status` reports with the text.
    case failed(errno: Int32, status: String)

    /// The newline-separated `KEY=value` assignments that go into the datagram.
    public var payload: String {
        switch self {
        case .ready(let status):
            return "READY=1\nSTATUS=\(Self.singleLine(status))"
        case .status(let status):
            return "STATUS=\(Self.singleLine(status))"
        case .extendTimeout(let duration):
            return "EXTEND_TIMEOUT_USEC=\(duration.microseconds)"
        case .failed(let errno, let status):
            return "STATUS=\(Self.singleLine(status))\nERRNO=\(errno)"
        }
    }

    /// A newline would start a new assignment in the datagram, so a multi-line status is folded.
    private static func singleLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

extension Duration {
    /// Whole microseconds, rounded down; negative durations count as zero. systemd counts in
    /// microseconds (`EXTEND_TIMEOUT_USEC=`, `sd_notify_barrier`).
    var microseconds: Int64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
