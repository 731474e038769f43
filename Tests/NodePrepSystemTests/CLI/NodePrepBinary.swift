import Foundation

/// The built `nodeprep` executable, run as a user would run it.
struct NodePrepBinary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary sits beside the test resources in the build folder (`swift test` builds it).
    static func path() throws -> String {
        let candidate = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("nodeprep").path
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            throw BinaryMissing(path: candidate)
        }
        return candidate
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        var path: String
        var description: String { "nodeprep is not built at \(path); run `swift build` first" }
    }

    /// Runs nodeprep with `arguments`; under `wrapper` (a program and its arguments, such as
    /// `strace -f`) when one is given, which then gets nodeprep's path and arguments appended.
    static func run(_ arguments: [String], environment extra: [String: String] = [:], under wrapper: [String] = [])
        throws -> Result
    {
        let command = wrapper + [try path()] + arguments
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        environment.removeValue(forKey: "NOTIFY_SOCKET")
        environment.removeValue(forKey: "JOURNAL_STREAM")
        process.environment = environment.merging(extra) { _, new in new }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}
