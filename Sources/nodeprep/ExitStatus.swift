import ArgumentParser
import NodePrepCore

/// The failures a command reports, each with its own exit code (sysexits.h values, so scripts and
/// systemd can tell a bad configuration from an unreachable IMDS).
enum ExitStatus: Error, CustomStringConvertible {
    /// The configuration was read but is not acceptable: 65 (EX_DATAERR).
    case invalidConfiguration([Diagnostic])
    /// A source could not be read: 69 (EX_UNAVAILABLE).
    case sourceUnavailable(String)
    /// A file could not be written: 73 (EX_CANTCREAT).
    case writeFailed(String)

    var code: ExitCode {
        switch self {
        case .invalidConfiguration: return ExitCode(65)
        case .sourceUnavailable: return ExitCode(69)
        case .writeFailed: return ExitCode(73)
        }
    }

    var description: String {
        switch self {
        case .invalidConfiguration(let diagnostics): return ConfigurationError(diagnostics: diagnostics).description
        case .sourceUnavailable(let reason): return "cannot read configuration: \(reason)"
        case .writeFailed(let reason): return "cannot write: \(reason)"
        }
    }
}
