import ArgumentParser
import NodePrepCore
import NodePrepSystem

/// `nodeprep config check`: every problem in every source, plus nodeadm's required fields.
struct ConfigCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration; list every problem and exit non-zero if there is one.")

    @OptionGroup var sources: SourceOptions

    func run() async throws {
        try await Terminal.run {
            let resolution = try await sources.resolve()
            var diagnostics = resolution.diagnostics
            if !diagnostics.containsErrors {
                diagnostics += NodeConfigRequirements.problems(in: resolution.config)
            }
            guard !diagnostics.containsErrors else { throw NodePrepError.invalidConfiguration(diagnostics) }
            Terminal.report(diagnostics)
            print("configuration is valid")
        }
    }
}
