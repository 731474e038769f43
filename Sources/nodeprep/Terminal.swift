import ArgumentParser
import NodePrepCore
import NodePrepSystem

#if canImport(Glibc)
import Glibc
#endif

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

    /// Runs a command body, turning its failure into messages and the matching exit code: the edge
    /// where a ``NodePrepError`` becomes text.
    static func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as NodePrepError {
            if failure.diagnostics.isEmpty {
                printError("nodeprep: " + failure.description)
            } else {
                report(failure.diagnostics)
            }
            throw ExitCode(failure.exitCode)
        }
    }
}
