import Yams

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

    mutating func error(_ message: String, at node: Node?) {
        diagnostics.append(.error(message, at: origin, position: node.flatMap(YAMLReader.position)))
    }

    mutating func warning(_ message: String, at node: Node?) {
        diagnostics.append(.warning(message, at: origin, position: node.flatMap(YAMLReader.position)))
    }

    /// An error about a field already read, placed where that field (or its nearest parent) was written.
    mutating func error(_ message: String, atPath path: String) {
        let position = Provenance.position(of: path, in: positions)
        diagnostics.append(.error(message, at: origin, position: position))
    }

    static func position(of node: Node) -> TextPosition? {
        node.mark.map { TextPosition(line: $0.line, column: $0.column) }
    }

    /// Whether the value is YAML `null` (or an empty value): nodeprep treats it as "not given".
    static func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain {
            return YAMLReader.tagName(node) == .null
        }
        return false
    }

    /// The entries of a mapping, checked against the allowed field names. Unknown and duplicate
    /// fields are errors. Returns nil (after reporting) when the node is not a mapping.
    mutating func fields(of node: Node, path: String, allowed: Set<String>) -> [String: Node]? {
        guard let pairs = mapping(node, path: path) else { return nil }
        var result: [String: Node] = [:]
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
    mutating func mapping(_ node: Node, path: String) -> [(String, (keyNode: Node, node: Node))]? {
        guard spend(node) else { return nil }
        guard case .mapping(let mapping) = node else {
            error("\(YAMLReader.display(path)) must be a mapping, found \(YAMLReader.kind(of: node))", at: node)
            return nil
        }
        var pairs: [(String, (keyNode: Node, node: Node))] = []
        var seen: Set<String> = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                error("\(YAMLReader.display(path)) has a key that is not a string", at: keyNode)
                continue
            }
            if !seen.insert(scalar.string).inserted {
                error("duplicate field \(YAMLReader.join(path, scalar.string))", at: keyNode)
                continue
            }
            pairs.append((scalar.string, (keyNode, valueNode)))
        }
        return pairs
    }

    /// Plain scalars that YAML resolves to these are not strings. Everything else is, dates included:
    /// go-yaml v2, which nodeadm reads with, keeps `2024-01-01` as text, and that is a valid cluster name.
    static let nonStringTags: Set<Tag.Name> = [.bool, .int, .float]

    mutating func string(_ node: Node, path: String) -> String? {
        guard spend(node), !YAMLReader.isNull(node) else { return nil }
        if case .scalar(let scalar) = node,
            scalar.style != .plain || !YAMLReader.nonStringTags.contains(YAMLReader.tagName(node))
        {
            return scalar.string
        }
        error("\(path) must be a string, found \(YAMLReader.kind(of: node))", at: node)
        return nil
    }

    mutating func bool(_ node: Node, path: String) -> Bool? {
        guard spend(node), !YAMLReader.isNull(node) else { return nil }
        if case .scalar(let scalar) = node, scalar.style == .plain, YAMLReader.tagName(node) == .bool,
            let value = node.bool
        {
            return value
        }
        error("\(path) must be true or false, found \(YAMLReader.kind(of: node))", at: node)
        return nil
    }

    mutating func stringList(_ node: Node, path: String) -> [String]? {
        stringItems(node, path: path)?.map(\.text)
    }

    /// A list of strings with each item's node and path, so a check on one item can point at it.
    /// Items that are not strings are reported and left out.
    mutating func stringItems(_ node: Node, path: String) -> [(text: String, node: Node, path: String)]? {
        guard spend(node), !YAMLReader.isNull(node) else { return nil }
        guard case .sequence(let sequence) = node else {
            error("\(path) must be a list of strings, found \(YAMLReader.kind(of: node))", at: node)
            return nil
        }
        return sequence.enumerated().compactMap { index, item in
            let itemPath = FieldPath.index(path, index)
            record(itemPath, item)
            return string(item, path: itemPath).map { ($0, item, itemPath) }
        }
    }

    mutating func stringMap(_ node: Node, path: String) -> [String: String]? {
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
    mutating func json(_ node: Node, path: String) -> JSONValue? {
        guard spend(node) else { return nil }
        switch node {
        case .scalar(let scalar):
            let value = scalarJSON(scalar, node: node)
            if case .number(let number) = value, !number.isFinite {
                // JSON has no infinity or NaN; the file would need a placeholder nobody asked for.
                error("\(path) is \(scalar.string), which JSON cannot represent", at: node)
                return nil
            }
            return value
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for (index, item) in sequence.enumerated() {
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
        case .alias:
            error("\(path) uses an unresolved alias", at: node)
            return nil
        }
    }

    private func scalarJSON(_ scalar: Node.Scalar, node: Node) -> JSONValue {
        guard scalar.style == .plain else { return .string(scalar.string) }
        switch YAMLReader.tagName(node) {
        case .null: return .null
        case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
        case .int: return node.int.map { .integer(Int64($0)) } ?? .string(scalar.string)
        case .float: return node.float.map(JSONValue.number) ?? .string(scalar.string)
        default: return .string(scalar.string)
        }
    }

    mutating func record(_ path: String, _ node: Node) {
        if let position = YAMLReader.position(of: node) {
            positions[path] = position
        }
    }

    private mutating func spend(_ node: Node) -> Bool {
        nodeBudget -= 1
        if nodeBudget == 0 {
            error("document is too large: more than \(YAMLReader.maximumNodes) values (an alias bomb?)", at: node)
        }
        return nodeBudget > 0
    }

    /// The tag of a node (`str`, `int`, `bool`, `null`, …): a scalar's explicit tag as written,
    /// or for one without, the type YAML 1.1 gives its text (``PlainScalarTag``).
    ///
    /// Documents are parsed with Yams' basic resolver, which leaves those tags unresolved. A
    /// scalar's `tag` is read directly: `node.tag` would resolve it with the basic resolver and
    /// store `str` in it for good, which also changes what `node.bool` answers.
    static func tagName(_ node: Node) -> Tag.Name {
        guard case .scalar(let scalar) = node else { return Tag.Name(rawValue: node.tag.rawValue) }
        switch scalar.tag.rawValue {
        case Tag.Name.implicit.rawValue: return PlainScalarTag.of(scalar.string)
        case Tag.Name.nonSpecific.rawValue: return .str
        case let explicit: return Tag.Name(rawValue: explicit)
        }
    }

    static func join(_ path: String, _ key: String) -> String {
        FieldPath.join(path, key)
    }

    static func display(_ path: String) -> String {
        path.isEmpty ? "the document" : path
    }

    static func kind(of node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if scalar.style != .plain { return "string \"\(scalar.string)\"" }
            switch YAMLReader.tagName(node) {
            case .null: return "null"
            case .bool: return "boolean \(scalar.string)"
            case .int: return "integer \(scalar.string)"
            case .float: return "number \(scalar.string)"
            default: return "string \"\(scalar.string)\""
            }
        }
    }
}
