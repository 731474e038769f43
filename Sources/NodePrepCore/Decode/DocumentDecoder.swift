/// Turns YAML or JSON text (one or more `---`-separated documents) into configuration documents.
///
/// Documents are dispatched on `apiVersion` and `kind`, whatever MIME type carried them; each is read
/// strictly, and every problem becomes a diagnostic with its line and column.
enum DocumentDecoder {
    static let topLevelFields: Set<String> = ["apiVersion", "kind", "metadata", "spec"]
    /// ObjectMeta's fields: accepted and ignored, as nodeadm does (Karpenter sends `metadata: {}` or
    /// `metadata: {creationTimestamp: null}`).
    static let metadataFields: Set<String> = [
        "name", "generateName", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences",
        "finalizers", "managedFields", "selfLink",
    ]

    static func decode(_ text: String, origin: Origin) -> (documents: [ConfigDocument], diagnostics: [Diagnostic]) {
        let roots: [YAMLNode]
        switch YAMLComposer.documents(in: text) {
        case .success(let composed):
            roots = composed
        case .failure(let problem):
            return ([], [.error(problem.message, at: origin, position: problem.position)])
        }
        let numbered = roots.filter { !isEmptyDocument($0) }
        var documents: [ConfigDocument] = []
        var diagnostics: [Diagnostic] = []
        for (index, root) in numbered.enumerated() {
            var documentOrigin = origin
            documentOrigin.document = numbered.count > 1 ? index + 1 : nil
            var reader = YAMLReader(origin: documentOrigin)
            if let content = decodeDocument(root, reader: &reader) {
                documents.append(ConfigDocument(content: content, origin: documentOrigin, positions: reader.positions))
            }
            diagnostics += reader.diagnostics
        }
        return (documents, diagnostics)
    }

    private static func decodeDocument(_ root: YAMLNode, reader: inout YAMLReader) -> ConfigDocument.Content? {
        guard let fields = reader.fields(of: root, path: "", allowed: topLevelFields) else { return nil }
        let apiVersion = fields["apiVersion"].flatMap { reader.string($0, path: "apiVersion") }
        let kind = fields["kind"].flatMap { reader.string($0, path: "kind") }
        if let metadata = fields["metadata"], !YAMLReader.isNull(metadata) {
            _ = reader.fields(of: metadata, path: "metadata", allowed: metadataFields)
        }
        // A field that is there but not a string was reported by the reader; "missing" would be wrong.
        for name in ["apiVersion", "kind"] where fields[name].map(YAMLReader.isNull) ?? true {
            reader.error("\(name) is missing", at: root)
        }
        // No spec is an empty spec.
        let spec = fields["spec"]
        switch (apiVersion, kind) {
        case (ConfigKind.nodeConfigAPIVersion, ConfigKind.nodeConfigKind):
            return .nodeConfig(spec.map { NodeConfigDecoder.decode($0, reader: &reader) } ?? NodeConfigSpec())
        case (ConfigKind.mirrorConfigAPIVersion, ConfigKind.mirrorConfigKind):
            return .mirrorConfig(spec.map { MirrorConfigDecoder.decode($0, reader: &reader) } ?? MirrorConfigSpec())
        case (nil, _), (_, nil):
            break
        case (let apiVersion?, let kind?):
            reader.error(
                "unsupported apiVersion/kind \(apiVersion)/\(kind): expected "
                    + "\(ConfigKind.nodeConfigAPIVersion) \(ConfigKind.nodeConfigKind) or "
                    + "\(ConfigKind.mirrorConfigAPIVersion) \(ConfigKind.mirrorConfigKind)",
                at: fields["kind"])
        }
        return nil
    }

    /// An empty document (`---` alone, or only comments) is skipped, not an error.
    private static func isEmptyDocument(_ node: YAMLNode) -> Bool {
        if case .scalar(let scalar) = node {
            return scalar.text.isEmpty && scalar.isPlain
        }
        return false
    }
}
