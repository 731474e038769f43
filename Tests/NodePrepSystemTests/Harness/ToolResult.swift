import Foundation

/// How one finished program ended: what it printed and its exit status.
struct ToolResult: Sendable, CustomStringConvertible {
    let command: [String]
    let status: Int32
    /// Raw bytes: some programs print binary data (`ctr content get`).
    let stdoutData: Data
    let stderr: String

    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }

    var succeeded: Bool { status == 0 }

    /// True when the program hit its lifetime and was stopped by `timeout` (124, or 137 after the
    /// follow-up SIGKILL): such a result says nothing about what the program would have done.
    var timedOut: Bool { status == 124 || status == 137 }

    var description: String {
        let commandLine = command.joined(separator: " ")
        return "`\(commandLine)` exited \(status)\n--- stdout ---\n\(stdout)\n--- stderr ---\n\(stderr)"
    }
}
