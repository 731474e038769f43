import ArgumentParser
import FoundationEssentials
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
            let text = explain
                ? Explanation(config).lines.map(\.description).joined(separator: "\n") + "\n"
                : config.dumpValue.rendered() + "\n"
            guard let output else {
                print(text, terminator: "")
                return
            }
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output))
            } catch {
                throw RunFailure.writeFailed("\(output): \(error.localizedDescription)")
            }
        }
    }
}
