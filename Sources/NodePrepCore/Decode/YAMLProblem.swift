import CLibYAML

/// Why a YAML text could not be composed: a syntax error, or a text that would expand too big or
/// too deep. The message is the one a diagnostic shows.
struct YAMLProblem: Error, Equatable {
    var message: String
    /// Where the problem is; nil when libyaml could not even read the characters.
    var position: TextPosition?

    init(message: String, position: TextPosition? = nil) {
        self.message = message
        self.position = position
    }

    /// Text that is not YAML, or that YAML cannot compose (an undefined alias, a duplicate key).
    static func syntax(_ problem: String, at position: TextPosition?) -> YAMLProblem {
        YAMLProblem(message: "invalid YAML: \(problem)", position: position)
    }

    /// Valid YAML that nodeprep refuses to build: the message stands alone.
    static func limit(_ message: String, at position: TextPosition) -> YAMLProblem {
        YAMLProblem(message: message, position: position)
    }

    /// The error libyaml's parser stopped with, as nodeprep words it.
    init(failedParser parser: yaml_parser_t) {
        let problem = parser.problem.map { String(cString: $0) }
        switch parser.error {
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
            // libyaml releases after 0.2.5 stop at 1000 nested levels, naming their C setter in
            // the message; say what it means instead.
            let text = problem.map { $0.hasPrefix("Maximum nesting level reached") ? "values nest too deep" : $0 }
            self = .syntax(text ?? "unknown error", at: TextPosition(parser.problem_mark))
        case YAML_READER_ERROR:
            // Bytes that are not characters YAML allows: the offset libyaml gives counts bytes of
            // its own buffer, not lines, so no position is claimed.
            self = .syntax(problem ?? "cannot read the text", at: nil)
        default:
            // Out of memory: nothing about the text to point at.
            self = YAMLProblem(message: "invalid YAML", position: nil)
        }
    }
}

extension TextPosition {
    /// libyaml counts lines and columns (in characters) from 0; diagnostics count from 1.
    init(_ mark: yaml_mark_t) {
        self.init(line: mark.line + 1, column: mark.column + 1)
    }
}
