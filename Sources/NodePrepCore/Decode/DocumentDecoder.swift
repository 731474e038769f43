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
        if let problem = YAMLShapeCheck.problem(in: text) {
            return ([], [.error(problem.message, at: origin, position: problem.position)])
        }
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
        // A field that is there but not a string was reported by the reader; "missing" would be wrong.
        for name in ["apiVersion", "kind"] where fields[name].map(YAMLReader.isNull) ?? true {
            reader.error("\(name) is missing", at: root)
        }
        // No spec is an empty spec; the stand-in must be a plain null, or it reads as the string "".
        let spec = fields["spec"] ?? Node.scalar(.init("", Tag(.null), .plain))
        switch (apiVersion, kind) {
        case (ConfigKind.nodeConfigAPIVersion, ConfigKind.nodeConfigKind):
            return .nodeConfig(NodeConfigDecoder.decode(spec, reader: &reader))
        case (ConfigKind.mirrorConfigAPIVersion, ConfigKind.mirrorConfigKind):
            return .mirrorConfig(MirrorConfigDecoder.decode(spec, reader: &reader))
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
            // libyaml's own nesting limit names its C setter; say what it means instead.
            let message = problem.hasPrefix("Maximum nesting level reached") ? "values nest too deep" : problem
            return .error(
                "invalid YAML: \(message)", at: origin, position: TextPosition(line: mark.line, column: mark.column))
        case .reader(let problem, _, _, _):
            return .error("invalid YAML: \(problem)", at: origin)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams refuses duplicate keys while parsing; its own text carries the whole document.
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            let verb = duplicates.count == 1 ? "key \(keys) appears" : "keys \(keys) appear"
            return .error(
                "invalid YAML: \(verb) more than once in a mapping", at: origin,
                position: TextPosition(line: context.mark.line, column: context.mark.column))
        default:
            // The other cases' descriptions quote the whole text.
            return .error("invalid YAML", at: origin)
        }
    }
}
