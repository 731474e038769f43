import ArgumentParser
import Glibc
import NodePrepCore
import NodePrepSystem

/// `nodeprep config dump`: the resolved documents as JSON, or with `--explain` which part set each value.
struct ConfigDump: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print the resolved configuration as JSON (a List of NodeConfig and MirrorConfig).")

    @OptionGroup var sources: SourceOptions

    @Option(name: [.customShort("o"), .long], help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(help: "Print every value with the source, MIME part and line that set it.")
    var explain = false

    func run() async throws {
        try await Terminal.run {
            let resolution = try await sources.resolve()
            let config = try resolution.validConfig()
            Terminal.report(resolution.diagnostics)
            let text = explain ? Explanation(config).text : config.dumpText
            guard let output else {
                print(text, terminator: "")
                return
            }
            do {
                try Self.write(Array(text.utf8), to: output)
            } catch {
                throw NodePrepError.writeFailed(error)
            }
        }
    }

    /// Writes `bytes` to `path` (created 0644 or truncated).
    private static func write(_ bytes: [UInt8], to path: String) throws(NodeFileError) {
        func failure(_ operation: String, _ code: Int32) -> NodeFileError {
            NodeFileError(path: path, reason: .system(operation: operation, errno: code))
        }
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard file >= 0 else { throw failure("open", errno) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(file, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(file)
                throw failure("write", code)
            }
            written += count
        }
        guard close(file) == 0 else { throw failure("close", errno) }
    }
}
