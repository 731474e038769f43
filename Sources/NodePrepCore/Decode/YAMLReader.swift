/// Reads a composed YAML tree field by field, collecting a diagnostic for every problem instead of
/// stopping at the first, and remembering where each field was written.
///
/// The typed decoders (`NodeConfigDecoder`, `MirrorConfigDecoder`) say which fields exist and what
/// type each has; this type does the checking and the error wording, so both kinds report problems
/// the same way: `line 7:5: unknown field spec.containerd.baseRuntimeSpc`.
struct YAMLReader {
    let origin: Origin
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var positions: [String: TextPosition] = [:]
    /// How many more nodes may be visited. Aliases make a small text expand into a huge tree
    /// (the "billion laughs"); the budget turns that into an error instead of exhausting memory.
    private var nodeBudget: Int

    static let maximumNodes = 100_000

    init(origin: Origin, nodeBudget: Int = YAMLReader.maximumNodes) {
        self.origin = origin
        self.nodeBudget = nodeBudget
    }

    mutating func error(_ message: String, at node: YAMLNode?) {
        diagnostics.append(.error(message, at: origin, position: node?.position))
    }

    mutating func warning(_ message: String, at node: YAMLNode?) {
        diagnostics.append(.warning(message, at: origin, position: node?.position))
    }

    /// An error about a field already read, placed where that field (or its nearest parent) was written.
    mutating func error(_ message: String, atPath path: String) {
        let position = Provenance.position(of: path, in: positions)
        diagnostics.append(.error(message, at: origin, position: position))
    }

    /// Whether the value is YAML `null` (or an empty value): nodeprep treats it as "not given".
    static func isNull(_ node: YAMLNode) -> Bool {
        if case .scalar(let scalar) = node, scalar.isPlain {
            return YAMLReader.tag(of: scalar) == .null
        }
        return false
    }

    /// The entries of a mapping, checked against the allowed field names. Unknown and duplicate
    /// fields are errors. Returns nil (after reporting) when the node is not a mapping.
    mutating func fields(of node: YAMLNode, path: String, allowed: Set<String>) -> [String: YAMLNode]? {
        guard let pairs = mapping(node, path: path) else { return nil }
        var result: [String: YAMLNode] = [:]
        for (key, value) in pairs {
            let fieldPath = YAMLReader.join(path, key)
            if !allowed.contains(key) {
                error("unknown field \(fieldPath)", at: value.keyNode)
            } else if result[key] != nil {
                error("duplicate field \(fieldPath)", at: value.keyNode)
            } else {
                result[key] = value.node
                record(fieldPath, value.keyNode)
            }
        }
        return result
    }

    /// The entries of a mapping with arbitrary string keys, in document order.
    mutating func mapping(_ node: YAMLNode, path: String) -> [(String, (keyNode: YAMLNode, node: YAMLNode))]? {
        guard spend(node) else { return nil }
        guard case .mapping(let mapping) = node else {
            error("\(YAMLReader.display(path)) must be a mapping, found \(YAMLReader.kind(of: node))", at: node)
            return nil
        }
        var pairs: [(String, (keyNode: YAMLNode, node: YAMLNode))] = []
        var seen: Set<String> = []
        for pair in mapping.pairs {
            let (keyNode, valueNode) = (pair.key, pair.value)
            guard case .scalar(let scalar) = keyNode else {
                error("\(YAMLReader.display(path)) has a key that is not a string", at: keyNode)
                continue
            }
            if !seen.insert(scalar.text).inserted {
                error("duplicate field \(YAMLReader.join(path, scalar.text))", at: keyNode)
                continue
            }
            pairs.append((scalar.text, (keyNode, valueNode)))
        }
        return pairs
    }

    /// Plain scalars that YAML resolves to these are not strings. Everything else is, dates included:
    /// go-yaml v2, which nodeadm reads with, keeps `2024-01-01` as text, and that is a valid cluster name.
    static let nonStringTags: Set<ScalarTag> = [.bool, .int, .float]

    mutating func string(_ node: YAMLNode, path: String) -> String? {
        guard spend(node), !YAMLReader.isNull(node) else { return nil }
        if case .scalar(let scalar) = node,
            !scalar.isPlain || !YAMLReader.nonStringTags.contains(YAMLReader.tag(of: scalar))
        {
            return scalar.text
        }
        error("\(path) must be a string, found \(YAMLReader.kind(of: node))", at: node)
        return nil
    }

    mutating func bool(_ node: YAMLNode, path: String) -> Bool? {
        guard spend(node), !YAMLReader.isNull(node) else { return nil }
        if case .scalar(let scalar) = node, scalar.isPlain, YAMLReader.tag(of: scalar) == .bool,
            let value = YAMLScalarValue.bool(scalar.text)
        {
            return value
        }
        error("\(path) must be true or false, found \(YAMLReader.kind(of: node))", at: node)
        return nil
    }

    mutating func stringList(_ node: YAMLNode, path: String) -> [String]? {
        stringItems(node, path: path)?.map(\.text)
    }

    /// A list of strings with each item's node and path, so a check on one item can point at it.
    /// Items that are not strings are reported and left out.
    mutating func stringItems(_ node: YAMLNode, path: String) -> [(text: String, node: YAMLNode, path: String)]? {
        guard spend(node), !YAMLReader.isNull(node) else { return nil }
        guard case .sequence(let sequence) = node else {
            error("\(path) must be a list of strings, found \(YAMLReader.kind(of: node))", at: node)
            return nil
        }
        return sequence.items.enumerated().compactMap { index, item in
            let itemPath = FieldPath.index(path, index)
            record(itemPath, item)
            return string(item, path: itemPath).map { ($0, item, itemPath) }
        }
    }

    mutating func stringMap(_ node: YAMLNode, path: String) -> [String: String]? {
        guard !YAMLReader.isNull(node), let pairs = mapping(node, path: path) else { return nil }
        var result: [String: String] = [:]
        for (key, value) in pairs {
            let valuePath = YAMLReader.join(path, key)
            record(valuePath, value.keyNode)
            if let text = string(value.node, path: valuePath) {
                result[key] = text
            }
        }
        return result
    }

    /// A free-form value (`baseRuntimeSpec`, `kubelet.config`) as JSON. Plain scalars are typed as
    /// YAML resolves them (`true`, `10`, `1.5`, `null`); quoted scalars stay strings.
    mutating func json(_ node: YAMLNode, path: String) -> JSONValue? {
        guard spend(node) else { return nil }
        switch node {
        case .scalar(let scalar):
            let value = scalarJSON(scalar)
            if case .number(let number) = value, !number.isFinite {
                // JSON has no infinity or NaN; the file would need a placeholder nobody asked for.
                error("\(path) is \(scalar.text), which JSON cannot represent", at: node)
                return nil
            }
            return value
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for (index, item) in sequence.items.enumerated() {
                guard let value = json(item, path: FieldPath.index(path, index)) else { return nil }
                items.append(value)
            }
            return .array(items)
        case .mapping:
            guard let pairs = mapping(node, path: path) else { return nil }
            var members: [String: JSONValue] = [:]
            for (key, value) in pairs {
                record(YAMLReader.join(path, key), value.keyNode)
                guard let member = json(value.node, path: YAMLReader.join(path, key)) else { return nil }
                members[key] = member
            }
            return .object(members)
        }
    }

    private func scalarJSON(_ scalar: YAMLNode.Scalar) -> JSONValue {
        guard scalar.isPlain else { return .string(scalar.text) }
        switch YAMLReader.tag(of: scalar) {
        case .null: return .null
        case .bool: return YAMLScalarValue.bool(scalar.text).map(JSONValue.bool) ?? .string(scalar.text)
        case .int: return YAMLScalarValue.int(scalar.text).map { .integer(Int64($0)) } ?? .string(scalar.text)
        case .float: return YAMLScalarValue.float(scalar.text).map(JSONValue.number) ?? .string(scalar.text)
        default: return .string(scalar.text)
        }
    }

    mutating func record(_ path: String, _ node: YAMLNode) {
        positions[path] = node.position
    }

    private mutating func spend(_ node: YAMLNode) -> Bool {
        nodeBudget -= 1
        if nodeBudget == 0 {
            error("document is too large: more than \(YAMLReader.maximumNodes) values (an alias bomb?)", at: node)
        }
        return nodeBudget > 0
    }

    /// The type of a scalar (`str`, `int`, `bool`, `null`, …): its explicit tag as written, or for
    /// one without, the type YAML 1.1 gives its text (``PlainScalarTag``; only a plain scalar's text
    /// is typed, every other style is a string). A tag nodeprep has no use for (`!!binary`, `!local`)
    /// leaves the text a string.
    static func tag(of scalar: YAMLNode.Scalar) -> ScalarTag {
        switch scalar.tag {
        case .implicit: return PlainScalarTag.of(scalar.text)
        case .nonSpecific: return .str
        case .explicit(let name): return ScalarTag(rawValue: name) ?? .str
        }
    }

    static func join(_ path: String, _ key: String) -> String {
        FieldPath.join(path, key)
    }

    static func display(_ path: String) -> String {
        path.isEmpty ? "the document" : path
    }

    static func kind(of node: YAMLNode) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            if !scalar.isPlain { return "string \"\(scalar.text)\"" }
            switch YAMLReader.tag(of: scalar) {
            case .null: return "null"
            case .bool: return "boolean \(scalar.text)"
            case .int: return "integer \(scalar.text)"
            case .float: return "number \(scalar.text)"
            default: return "string \"\(scalar.text)\""
            }
        }
    }
}
