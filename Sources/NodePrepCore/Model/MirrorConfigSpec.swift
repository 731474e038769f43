/// The `spec` of a MirrorConfig document as written, before merging and defaults.
///
/// Optional fields tell "not given" from "given as the default", so a later document that leaves a
/// field out does not reset what an earlier one set.
public struct MirrorConfigSpec: Sendable, Equatable {
    public var registries: [String]?
    public var targets: [String]?
    public var resolveTags: Bool?
    public var prependExisting: Bool?
    public var configPath: String?

    public init() {}

    /// The settings with defaults filled in.
    public var resolved: MirrorConfig {
        let defaults = MirrorConfig()
        return MirrorConfig(
            registries: registries ?? defaults.registries,
            targets: targets ?? defaults.targets,
            resolveTags: resolveTags ?? defaults.resolveTags,
            prependExisting: prependExisting ?? defaults.prependExisting,
            configPath: configPath ?? defaults.configPath)
    }
}
