/// Reads the `spec` of a MirrorConfig document (`nodeprep.dev/v1alpha1`) into a ``MirrorConfigSpec``.
enum MirrorConfigDecoder {
    static func decode(_ node: YAMLNode, reader: inout YAMLReader) -> MirrorConfigSpec {
        var spec = MirrorConfigSpec()
        guard !YAMLReader.isNull(node) else { return spec }
        let fields =
            reader.fields(
                of: node, path: "spec",
                allowed: ["registries", "targets", "resolveTags", "prependExisting", "configPath"]) ?? [:]
        spec.registries = fields["registries"].flatMap { reader.stringList($0, path: "spec.registries") }
        spec.targets = fields["targets"].flatMap { reader.stringList($0, path: "spec.targets") }
        spec.resolveTags = fields["resolveTags"].flatMap { reader.bool($0, path: "spec.resolveTags") }
        spec.prependExisting = fields["prependExisting"].flatMap { reader.bool($0, path: "spec.prependExisting") }
        spec.configPath = fields["configPath"].flatMap { reader.string($0, path: "spec.configPath") }
        var problems: [MirrorConfigProblem] = []
        problems += spec.registries.map { MirrorConfigValidator.problems(registries: $0) } ?? []
        problems += spec.targets.map { MirrorConfigValidator.problems(targets: $0) } ?? []
        problems += spec.configPath.map { MirrorConfigValidator.problems(configPath: $0) } ?? []
        for problem in problems {
            reader.error(problem.description, atPath: problem.field)
        }
        return spec
    }
}
