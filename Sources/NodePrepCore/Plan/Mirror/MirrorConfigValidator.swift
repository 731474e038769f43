/// Checks MirrorConfig settings before anything is written, reporting every problem at once.
///
/// The per-field functions suit one document, where a field may be absent; `problems(in:)` checks
/// the merged settings and adds what only the whole can tell (at least one target). The planner
/// runs the same checks again and refuses to plan, so an unchecked value can never reach a path or
/// a TOML string.
public enum MirrorConfigValidator {
    /// Every problem in the merged settings.
    public static func problems(in config: MirrorConfig, fieldPrefix: String = "spec") -> [MirrorConfigProblem] {
        parse(config, fieldPrefix: fieldPrefix).problems
    }

    /// Problems in `registries`: URLs, at most one wildcard (`_default` or `*`), no two registries
    /// sharing a folder (`http://a:5000` and `https://a:5000` would overwrite each other's file).
    public static func problems(registries: [String], fieldPrefix: String = "spec") -> [MirrorConfigProblem] {
        parseRegistries(registries, field: fieldPrefix + ".registries").problems
    }

    /// Problems in `targets`: URLs, no wildcard, no duplicates (containerd rejects a `hosts.toml`
    /// that defines a host table twice, and then ignores the mirror altogether).
    public static func problems(targets: [String], fieldPrefix: String = "spec") -> [MirrorConfigProblem] {
        parseTargets(targets, field: fieldPrefix + ".targets").problems
    }

    /// Problems in `configPath`: it must be an absolute, normalised path other than `/`, because the
    /// plan moves everything in it into a backup folder and removes what it does not rewrite.
    public static func problems(configPath: String, fieldPrefix: String = "spec") -> [MirrorConfigProblem] {
        let field = fieldPrefix + ".configPath"
        return configPathProblems(configPath).map { MirrorConfigProblem(field: field, message: $0) }
    }

    // MARK: - Parsing shared with the planner

    /// A registry to mirror: one folder under `config_path`.
    enum MirroredRegistry: Equatable {
        /// `_default`: every registry without a folder of its own.
        case wildcard
        case url(RegistryURL)

        static let wildcardSpellings: Set<String> = ["_default", "*"]

        /// The URL, or nil for `_default`.
        var url: RegistryURL? {
            if case .url(let url) = self { url } else { nil }
        }
    }

    /// Settings that passed every check, in the form the planner uses.
    struct Parsed {
        var registries: [MirroredRegistry]
        var targets: [RegistryURL]
    }

    static func parse(
        _ config: MirrorConfig, fieldPrefix: String = "spec"
    ) -> (parsed: Parsed, problems: [MirrorConfigProblem]) {
        let registries = parseRegistries(config.registries, field: fieldPrefix + ".registries")
        let targets = parseTargets(config.targets, field: fieldPrefix + ".targets")
        var problems = registries.problems + targets.problems
        if config.targets.isEmpty {
            problems.append(
                MirrorConfigProblem(field: fieldPrefix + ".targets", message: "at least one mirror target is required"))
        }
        problems += Self.problems(configPath: config.configPath, fieldPrefix: fieldPrefix)
        return (Parsed(registries: registries.values, targets: targets.values), problems)
    }

    private static func parseRegistries(
        _ texts: [String], field: String
    ) -> (values: [MirroredRegistry], problems: [MirrorConfigProblem]) {
        // Spegel: an empty list mirrors every registry.
        if texts.isEmpty { return ([.wildcard], []) }
        var values: [MirroredRegistry] = []
        var problems: [MirrorConfigProblem] = []
        var folderOwners: [String: String] = [:]
        for (index, text) in texts.enumerated() {
            let itemField = "\(field)[\(index)]"
            let registry: MirroredRegistry
            if MirroredRegistry.wildcardSpellings.contains(text) {
                registry = .wildcard
            } else {
                do throws(RegistryURL.Invalid) {
                    registry = .url(try RegistryURL(parsing: text))
                } catch {
                    problems += error.messages.map { MirrorConfigProblem(field: itemField, message: $0) }
                    continue
                }
            }
            let folder = folderName(of: registry)
            if let owner = folderOwners[folder] {
                let message =
                    registry == .wildcard
                    ? "registries should not contain two wildcards"
                    : "registry folder \(folder) is already written for \(owner)"
                problems.append(MirrorConfigProblem(field: itemField, message: message))
                continue
            }
            folderOwners[folder] = itemField
            values.append(registry)
        }
        return (values, problems)
    }

    private static func parseTargets(
        _ texts: [String], field: String
    ) -> (values: [RegistryURL], problems: [MirrorConfigProblem]) {
        var values: [RegistryURL] = []
        var problems: [MirrorConfigProblem] = []
        var owners: [String: String] = [:]
        for (index, text) in texts.enumerated() {
            let itemField = "\(field)[\(index)]"
            if MirroredRegistry.wildcardSpellings.contains(text) {
                problems.append(MirrorConfigProblem(field: itemField, message: "wildcard registries are not allowed"))
                continue
            }
            do throws(RegistryURL.Invalid) {
                let target = try RegistryURL(parsing: text)
                let key = target.text(nodeHost: RegistryURL.nodeAddressPlaceholder)!
                if let owner = owners[key] {
                    let message = "duplicate mirror target \(key), already given as \(owner)"
                    problems.append(MirrorConfigProblem(field: itemField, message: message))
                    continue
                }
                owners[key] = itemField
                values.append(target)
            } catch {
                problems += error.messages.map { MirrorConfigProblem(field: itemField, message: $0) }
            }
        }
        return (values, problems)
    }

    /// The folder a registry's `hosts.toml` goes in: `host[:port]`, or `_default`. `nodeHost`
    /// replaces `${NODE_IP}`; by default the placeholder stays as written, which is enough to find
    /// registries sharing a folder before the address is known. A nil `nodeHost` is only allowed
    /// when the registry does not use the placeholder.
    static func folderName(
        of registry: MirroredRegistry, nodeHost: String? = RegistryURL.nodeAddressPlaceholder
    ) -> String {
        switch registry {
        case .wildcard: return "_default"
        case .url(let url): return url.authority(nodeHost: nodeHost)!
        }
    }

    private static func configPathProblems(_ path: String) -> [String] {
        let shown = RegistryURL.printable(path)
        if path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return ["must not contain control characters: \(shown)"]
        }
        guard path.hasPrefix("/") else { return ["must be an absolute path: \(shown)"] }
        if path == "/" { return ["must not be the root folder, whose every entry would be moved into a backup"] }
        let components = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        if components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
            return ["must be a normalised path without empty, '.' or '..' components or a trailing '/': \(shown)"]
        }
        return []
    }
}
