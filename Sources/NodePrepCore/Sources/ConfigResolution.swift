/// Decodes every source and merges the documents, in order: the pure heart of `config check`,
/// `config dump` and `init`.
public struct ConfigResolution: Sendable {
    public var config: ResolvedConfig
    /// Every problem found in any source; the config is usable only when none is an error.
    public var diagnostics: [Diagnostic]
    /// What was skipped (a shell-script part, an empty source), for the log.
    public var skipped: [String]

    public init(inputs: [SourceInput], decoder: UserDataDecoder = UserDataDecoder()) {
        var documents: [ConfigDocument] = []
        var diagnostics: [Diagnostic] = []
        var skipped: [String] = []
        for input in inputs {
            let result = decoder.decode(input.bytes, source: input.name, kind: input.kind)
            documents += result.documents
            diagnostics += result.diagnostics
            skipped += result.skipped
        }
        self.config = ResolvedConfig(merging: documents)
        diagnostics += FastImagePullGate.warnings(in: config)
        if !diagnostics.containsErrors, let mirror = config.mirrorConfig?.resolved {
            let origin = Origin(source: "merged MirrorConfig")
            diagnostics += MirrorConfigValidator.problems(in: mirror).map { .error($0.description, at: origin) }
        }
        self.diagnostics = diagnostics
        self.skipped = skipped
    }

    /// The merged configuration, or every error found.
    ///
    /// - Throws: ``NodePrepError`` with code ``NodePrepError/Code/invalidConfiguration`` and every diagnostic.
    public func validConfig() throws(NodePrepError) -> ResolvedConfig {
        guard !diagnostics.containsErrors else { throw .invalidConfiguration(diagnostics) }
        return config
    }
}
