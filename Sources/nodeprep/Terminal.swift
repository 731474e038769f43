#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import NodePrepCore
import NodePrepSystem

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

    /// Runs a command body, turning its failures into messages and the matching exit code.
    static func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as RunFailure {
            if case .invalidConfiguration(let diagnostics) = failure {
                report(diagnostics)
            } else {
                printError("nodeprep: " + failure.description)
            }
            throw ExitCode(failure.exitCode)
        } catch let error as ConfigurationError {
            report(error.diagnostics)
            throw ExitCode(RunFailure.invalidConfiguration(error.diagnostics).exitCode)
        }
    }
}
