#if canImport(Glibc)
import Glibc
#endif
import NodePrepCore

/// Writing to the terminal: results to stdout, problems to stderr.
enum Terminal {
    static func printError(_ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    }

    static func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            printError((diagnostic.severity == .error ? "error: " : "warning: ") + diagnostic.description)
        }
    }

    /// Runs a command body, turning its failures into a message and the matching exit code.
    static func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let status as ExitStatus {
            if case .invalidConfiguration(let diagnostics) = status {
                report(diagnostics)
            } else {
                printError("nodeprep: " + status.description)
            }
            throw status.code
        } catch let error as ConfigurationError {
            report(error.diagnostics)
            throw ExitStatus.invalidConfiguration(error.diagnostics).code
        }
    }
}
