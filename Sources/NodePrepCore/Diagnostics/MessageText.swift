/// Values from user data end up in messages that go to a terminal and the journal. Made printable
/// and bounded here, a newline in a value cannot forge a log line, an escape sequence cannot drive
/// the terminal, and a 900 KB value does not become a 900 KB log line.
///
/// Lengths are counted in Unicode scalars, not characters: one character can hold any number of
/// combining marks, so a bound in characters would bound nothing.
enum MessageText {
    /// Enough for any field path, URL or value a user needs to see to find the problem.
    static let maximumLength = 500
    /// Room kept for the note that says how much was cut: `… (1048576 more characters)`.
    static let noteAllowance = 32

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

    /// ``printable(_:)`` in at most `limit` scalars: when longer, its start and a note of how many
    /// scalars were left out, the note included in the limit. `omitted` scalars were already cut
    /// from the end of `text` (see ``cut(_:to:)``) and are counted in the note.
    static func bounded(_ text: String, to requested: Int = maximumLength, omitted: Int = 0) -> String {
        let limit = max(0, requested)
        let shown = printable(text)
        let scalars = shown.unicodeScalars
        guard scalars.count > limit || omitted > 0 else { return shown }
        let kept = min(scalars.count, max(0, limit - noteAllowance))
        guard kept > 0 else { return String(String.UnicodeScalarView(scalars.prefix(limit))) }
        let note = "… (\(scalars.count - kept + omitted) more characters)"
        return String(String.UnicodeScalarView(scalars.prefix(kept))) + note
    }

    /// ``printable(_:)`` cut to `limit` scalars without a note, and how many scalars were cut: for
    /// text kept to be bounded again, with the right count, when it is shown.
    static func cut(_ text: String, to limit: Int = maximumLength) -> (text: String, omitted: Int) {
        let scalars = printable(text).unicodeScalars
        guard scalars.count > limit else { return (String(scalars), 0) }
        return (String(String.UnicodeScalarView(scalars.prefix(limit))), scalars.count - limit)
    }
}
