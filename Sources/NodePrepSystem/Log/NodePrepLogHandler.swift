import Logging

#if canImport(Glibc)
import Glibc
#endif

/// nodeprep's swift-log backend: native journal entries under systemd, short lines otherwise.
///
/// Under systemd each event becomes one structured entry (see `JournalFields`), so
/// `journalctl -u nodeprep -o cat` reads as a short story of the boot while `-o json` carries
/// `MESSAGE_ID` and the `NODEPREP_*` fields. From a shell the same events are plain
/// `nodeprep: …` lines on standard error. If journald cannot be reached the line goes to
/// standard error, which systemd collects too, so no event is lost.
///
/// Bootstrap once, before the first `Logger` is made:
/// ```swift
/// NodePrepLogHandler.bootstrap(logLevel: .info)
/// ```
public struct NodePrepLogHandler: LogHandler {
    /// Where entries go.
    public enum Output: Sendable, Equatable {
        /// journald's native protocol (`sd_journal_sendv`).
        case journal
        /// One line per event on standard error.
        case standardError

        /// `.journal` when standard error is the journal stream systemd set up (`JOURNAL_STREAM`
        /// matches it), `.standardError` for a terminal, a pipe or a redirect.
        public static func detect() -> Output {
            let stream = getenv("JOURNAL_STREAM").map { String(cString: $0) }
            let connected = JournalStream.isConnected(descriptor: STDERR_FILENO, journalStream: stream)
            return connected ? .journal : .standardError
        }
    }

    public let output: Output
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    public init(output: Output, logLevel: Logger.Level = .info, metadataProvider: Logger.MetadataProvider? = nil) {
        self.output = output
        self.logLevel = logLevel
        self.metadataProvider = metadataProvider
    }

    /// Makes every `Logger` in the process use this handler, with the output detected once.
    /// swift-log allows one bootstrap per process; call it first thing in `main`.
    public static func bootstrap(logLevel: Logger.Level = .info) {
        let output = Output.detect()
        LoggingSystem.bootstrap { _ in NodePrepLogHandler(output: output, logLevel: logLevel) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let message = "\(event.message)"
        if output == .journal {
            let fields = JournalFields.fields(
                level: event.level,
                message: message,
                metadata: mergedMetadata(event.metadata),
                error: event.error,
                file: event.file,
                function: event.function,
                line: event.line
            )
            if JournalWriter.send(fields) >= 0 { return }
        }
        writeToStandardError(ConsoleLine.format(level: event.level, message: message, error: event.error))
    }

    /// Handler metadata, then the provider's, then the event's: the most specific wins.
    func mergedMetadata(_ eventMetadata: Logger.Metadata?) -> Logger.Metadata {
        var merged = metadata
        if let provided = metadataProvider?.get() {
            merged.merge(provided) { _, new in new }
        }
        if let eventMetadata {
            merged.merge(eventMetadata) { _, new in new }
        }
        return merged
    }

    /// One `write(2)` per line, so lines from concurrent tasks do not interleave.
    private func writeToStandardError(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
