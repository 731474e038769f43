/// `spec.containerd.config`: containerd TOML as a NodeConfig gives it, parsed once, when its
/// document is decoded.
///
/// The merge, the planner and `--explain` all work on ``table``, so the TOML is never parsed again
/// and a syntax error is reported where the document is read (with its line) instead of being
/// found, or lost, later. ``text`` is what `config dump` prints and what nodeadm's test for
/// version 3 plugin names reads.
public struct ContainerdConfigTOML: Sendable, Equatable {
    /// The TOML text: as the document wrote it, or the merged table rendered again when several
    /// documents set it (as nodeadm re-serialises a merged config).
    public let text: String
    /// What ``text`` parses to.
    public let table: TOMLValue

    /// Parses `text`.
    /// - Throws: ``TOMLParser/SyntaxError`` when it is not TOML nodeprep accepts.
    public init(parsing text: String) throws(TOMLParser.SyntaxError) {
        self.table = try TOMLParser.parse(text)
        self.text = text
    }

    /// A merged table, with its rendering as the text.
    init(merged table: TOMLValue) {
        self.table = table
        self.text = table.renderedDocument()
    }

    /// No text at all: Go's zero value, which merging treats as "not set".
    var isEmpty: Bool { text.isEmpty }
}
