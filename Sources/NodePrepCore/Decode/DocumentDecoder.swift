import Yams

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
        var roots: [Node] = []
        do {
            // Plain scalars are typed by PlainScalarTag, not by Yams' regex-based resolver. The
            // encoding is given: Yams' default reads the whole environment on every parser (its
            // YAMS_DEFAULT_ENCODING override also prints to standard output).
            let parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
            while let root = try parser.nextRoot() {
                roots.append(root)
            }
        } catch {
            return ([], [syntaxDiagnostic(error, origin: origin)])
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

    private static func decodeDocument(_ root: Node, reader: inout YAMLReader) -> ConfigDocument.Content? {
        guard let fields = reader.fields(of: root, path: "", allowed: topLevelFields) else { return nil }
        let apiVersion = fields["apiVersion"].flatMap { reader.string($0, path: "apiVersion") }
        let kind = fields["kind"].flatMap { reader.string($0, path: "kind") }
        if let metadata = fields["metadata"], !YAMLReader.isNull(metadata) {
            _ = reader.fields(of: metadata, path: "metadata", allowed: metadataFields)
        }
        let spec = fields["spec"] ?? Node.scalar(.init("", Tag(.null)))
        switch (apiVersion, kind) {
        case (ConfigKind.nodeConfigAPIVersion, ConfigKind.nodeConfigKind):
            return .nodeConfig(NodeConfigDecoder.decode(spec, reader: &reader))
        case (ConfigKind.mirrorConfigAPIVersion, ConfigKind.mirrorConfigKind):
            return .mirrorConfig(MirrorConfigDecoder.decode(spec, reader: &reader))
        case (nil, _):
            reader.error("apiVersion is missing", at: root)
        case (_, nil):
            reader.error("kind is missing", at: root)
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
    private static func isEmptyDocument(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node {
            return scalar.string.isEmpty && scalar.style == .plain
        }
        return false
    }

    private static func syntaxDiagnostic(_ error: any Error, origin: Origin) -> Diagnostic {
        guard let yamlError = error as? YamlError else {
            return .error("invalid YAML: \(error)", at: origin)
        }
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return .error(
                "invalid YAML: \(problem)", at: origin, position: TextPosition(line: mark.line, column: mark.column))
        case .reader(let problem, _, _, _):
            return .error("invalid YAML: \(problem)", at: origin)
        default:
            return .error("invalid YAML: \(yamlError)", at: origin)
        }
    }
}
