import Logging

/// Turns one log event into the `KEY=value` fields of a native journal entry.
///
/// Pure, so the mapping can be tested without a journal:
/// - `MESSAGE` is the text alone, the same words `journalctl -o cat` shows;
/// - `PRIORITY` is the syslog level, `SYSLOG_IDENTIFIER` is `nodeprep`;
/// - `MESSAGE_ID` comes from a known ``NodePrepEvent`` in the `event` metadata entry;
/// - every metadata entry becomes `NODEPREP_<KEY>` (upper-cased; other characters become `_`),
///   sorted by key so entries compare byte for byte;
/// - an attached error becomes `NODEPREP_ERROR`; the source position becomes `CODE_*`.
enum JournalFields {
    static let identifier = "nodeprep"
    static let metadataPrefix = "NODEPREP_"
    /// journald ignores field names longer than this.
    static let maximumNameLength = 64

    static func fields(
        level: Logger.Level,
        message: String,
        metadata: Logger.Metadata,
        error: (any Error)? = nil,
        file: String,
        function: String,
        line: UInt
    ) -> [String] {
        var fields = [
            "MESSAGE=\(message)",
            "PRIORITY=\(priority(level))",
            "SYSLOG_IDENTIFIER=\(identifier)",
        ]
        if case .string(let name) = metadata[NodePrepEvent.metadataKey], let event = NodePrepEvent(rawValue: name) {
            fields.append("MESSAGE_ID=\(event.messageID)")
        }
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            fields.append("\(fieldName(forMetadataKey: key))=\(value)")
        }
        if let error {
            fields.append("\(metadataPrefix)ERROR=\(error)")
        }
        fields.append("CODE_FILE=\(file)")
        fields.append("CODE_LINE=\(line)")
        fields.append("CODE_FUNC=\(function)")
        return fields
    }

    /// syslog(3) priorities: trace and debug are both `LOG_DEBUG`.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// Journal field names allow only `A-Z`, `0-9` and `_`; the prefix keeps them from starting
    /// with `_` (reserved for trusted fields) or a digit.
    static func fieldName(forMetadataKey key: String) -> String {
        let body = key.uppercased().unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "A"..."Z", "0"..."9": Character(scalar)
            default: "_"
            }
        }
        return String((metadataPrefix + String(body)).prefix(maximumNameLength))
    }
}
