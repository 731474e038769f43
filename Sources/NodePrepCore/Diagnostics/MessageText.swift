/// Values from user data end up in messages that go to a terminal and the journal. Made printable
/// and bounded here, a newline in a value cannot forge a log line, an escape sequence cannot drive
/// the terminal, and a 900 KB value does not become a 900 KB log line.
enum MessageText {
    /// Enough for any field path, URL or value a user needs to see to find the problem.
    static let maximumLength = 500

    /// The text on one line: control characters escaped (`\n`, `\u{1B}`).
    static func printable(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                shown += scalar.escaped(asASCII: true)
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    /// ``printable(_:)``, cut to ``maximumLength`` characters with a note of how many were left out.
    static func bounded(_ text: String) -> String {
        let shown = printable(text)
        guard shown.count > maximumLength else { return shown }
        return shown.prefix(maximumLength) + "… (\(shown.count - maximumLength) more characters)"
    }
}
