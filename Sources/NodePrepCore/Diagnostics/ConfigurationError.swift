/// The configuration was refused: every problem found, in the order found.
///
/// Thrown by the pipeline once decoding and validation are complete, so the command can print all of
/// them and exit with the "invalid configuration" code.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        let errors = diagnostics.filter { $0.severity == .error }
        let noun = errors.count == 1 ? "problem" : "problems"
        return "invalid configuration (\(errors.count) \(noun)):\n"
            + errors.map { "  " + $0.description }.joined(separator: "\n")
    }
}
