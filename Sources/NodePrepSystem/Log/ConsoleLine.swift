import Logging

/// Formats a log event as one short line for standard error, used when no journal listens.
///
/// The line is meant for a person at a terminal: `nodeprep: wrote /etc/containerd/config.toml`.
/// Messages already name what they are about, so metadata is left to the journal; only the
/// severity (from warnings up) and an attached error are added.
enum ConsoleLine {
    static func format(level: Logger.Level, message: String, error: (any Error)? = nil) -> String {
        var line = "\(JournalFields.identifier): "
        if let tag = tag(level) {
            line += "\(tag): "
        }
        line += message
        if let error {
            line += ": \(error)"
        }
        return line
    }

    private static func tag(_ level: Logger.Level) -> String? {
        switch level {
        case .trace, .debug: "debug"
        case .info, .notice: nil
        case .warning: "warning"
        case .error: "error"
        case .critical: "fatal"
        }
    }
}
