import ArgumentParser
import FoundationEssentials
import NodePrepCore
import NodePrepSystem

/// The options every command shares: where configuration comes from.
struct SourceOptions: ParsableArguments {
    @Option(
        name: [.customShort("c"), .long],
        help: ArgumentHelp(
            "A configuration source, file://PATH or imds://user-data; repeatable or comma-separated, later wins.",
            discussion: "Default: file:///etc/nodeprep/config.d/ then imds://user-data."))
    var configSource: [String] = []

    @Option(help: "Seconds to keep retrying IMDS before giving up.")
    var imdsDeadline: Double = defaultIMDSDeadline

    static let defaultIMDSDeadline: Double = 60

    @Option(
        help: "Take node paths (/etc/nodeprep, /etc/containerd, /var/lib/nodeprep, /run/nodeprep) under this folder.")
    var root: String = "/"

    func validate() throws {
        guard imdsDeadline > 0 else { throw ValidationError("--imds-deadline must be positive") }
        _ = try sources()
    }

    func sources() throws -> [ConfigSourceURI] {
        guard !configSource.isEmpty else { return ConfigSourceURI.defaultChain }
        return try configSource.flatMap { text in
            do {
                return try ConfigSourceURI.list(parsing: text)
            } catch let error as ConfigSourceURI.ParseError {
                throw ValidationError(error.description)
            }
        }
    }

    var fileSystem: NodeFileSystem { NodeFileSystem(root: root) }

    /// The URLSession for IMDS. `NodePrep.run(commandLine:asksIMDS:)` makes it before the
    /// arguments are parsed when the command may ask IMDS, and prepares it when IMDS will be
    /// asked, so the session is being built while everything else starts; otherwise the first
    /// request builds it.
    static let imdsSession = IMDSSession()

    /// The last value given for the option `name` ("--name VALUE" or "--name=VALUE") in
    /// `arguments`, for the few decisions made before the arguments are parsed.
    static func optionValue(_ name: String, in arguments: [String]) -> String? {
        var value: String?
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            if argument == "--" { break }
            if argument == name {
                value = rest.popFirst()
            } else if argument.hasPrefix(name + "=") {
                value = String(argument.dropFirst(name.count + 1))
            }
        }
        return value
    }

    /// The IMDS deadline `arguments` (the whole command line) ask for; the default when the value
    /// is missing or unusable (the command itself then refuses it).
    static func imdsDeadline(in arguments: [String]) -> Duration {
        let seconds = optionValue("--imds-deadline", in: arguments).flatMap(Double.init) ?? defaultIMDSDeadline
        return .milliseconds(Int64((seconds > 0 && seconds < 1e9 ? seconds : defaultIMDSDeadline) * 1000))
    }

    /// Whether `arguments` (the whole command line) names a command that may read IMDS.
    static func mayUseIMDS(_ arguments: [String]) -> Bool {
        ["init", "config"].contains(arguments.dropFirst().first ?? "")
            && !arguments.contains { $0 == "-h" || $0 == "--help" }
    }

    /// Whether the command `arguments` name will likely ask IMDS something: IMDS is not switched
    /// off, and user data is among the sources (the default chain, or an `imds://` source given)
    /// or `init` needs the node address from it (no `--node-address`). Read before the arguments
    /// are parsed; when in doubt, the answer is yes.
    static func mayAskIMDS(_ arguments: [String]) -> Bool {
        guard mayUseIMDS(arguments) else { return false }
        if (try? IMDSEndpoint(environment: ProcessInfo.processInfo.environment)) == nil { return false }
        let sourcesGiven = arguments.contains { $0.hasPrefix("-c") || $0.hasPrefix("--config-source") }
        let userDataNamed = !sourcesGiven || arguments.contains { $0.contains("imds://") }
        let addressNeeded = InitCommand.isInit(arguments) && optionValue("--node-address", in: arguments) == nil
        return userDataNamed || addressNeeded
    }

    /// The IMDS client, or nil when IMDS is switched off (`AWS_EC2_METADATA_DISABLED=true`).
    func makeIMDSClient(onRetry: (@Sendable (IMDSRetryEvent) -> Void)? = nil) throws -> IMDSClient? {
        let endpoint: IMDSEndpoint
        do {
            endpoint = try IMDSEndpoint(environment: ProcessInfo.processInfo.environment)
        } catch {
            if error.reason == .disabled { return nil }
            throw NodePrepError.sourceUnavailable(error)
        }
        var policy = RetryPolicy()
        policy.deadline = .milliseconds(Int64(imdsDeadline * 1000))
        return IMDSClient(endpoint: endpoint, session: Self.imdsSession, retryPolicy: policy, onRetry: onRetry)
    }

    /// The source loader reading files under `--root` and user data from `userData` (none: the
    /// instance has no user data to give, IMDS being switched off).
    func loader(userData: (any UserDataProvider)?) -> SourceLoader {
        SourceLoader(userData: userData ?? NoUserData(), fileSystem: fileSystem)
    }

    /// Reads and decodes every source.
    func resolve() async throws -> ConfigResolution {
        let sources = try sources()
        let imds = sources.contains(.imdsUserData) ? try makeIMDSClient() : nil
        let inputs: [SourceInput]
        do {
            inputs = try await loader(userData: imds).load(sources)
        } catch {
            throw NodePrepError.sourceUnavailable(error)
        }
        return ConfigResolution(inputs: inputs)
    }
}
