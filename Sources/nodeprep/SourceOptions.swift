import ArgumentParser
import NodePrepCore
import NodePrepSystem

/// The options every command shares: where configuration comes from.
struct SourceOptions: ParsableArguments {
    @Option(
        name: [.customShort("c"), .long],
        help: ArgumentHelp(
            "A configuration source, file://PATH or imds://user-data; repeatable, later wins.",
            discussion: "Default: file:///etc/nodeprep/config.d/ then imds://user-data."))
    var configSource: [String] = []

    @Option(help: "Seconds to keep retrying IMDS before giving up.")
    var imdsDeadline: Double = 60

    @Option(help: "Take node paths (/etc/nodeprep, /etc/containerd) under this folder.")
    var root: String = "/"

    func sources() throws -> [ConfigSourceURI] {
        guard !configSource.isEmpty else { return ConfigSourceURI.defaultChain }
        return try configSource.map { text in
            do {
                return try ConfigSourceURI(parsing: text)
            } catch let error as ConfigSourceURI.ParseError {
                throw ValidationError(error.description)
            }
        }
    }

    /// Reads and decodes every source.
    func resolve() async throws -> ConfigResolution {
        let sources = try sources()
        let loader = SourceLoader(userData: try makeUserDataProvider(), fileSystem: NodeFileSystem(root: root))
        let inputs: [SourceInput]
        do {
            inputs = try await loader.load(sources)
        } catch {
            throw ExitStatus.sourceUnavailable(String(describing: error))
        }
        return ConfigResolution(inputs: inputs)
    }

    func makeUserDataProvider() throws -> any UserDataProvider {
        IMDSUserData(deadlineSeconds: imdsDeadline)
    }
}
