import CLibYAML

/// Builds ``YAMLNode`` trees from YAML text in one pass over libyaml's parse events, refusing text
/// whose tree would be too big or too deep to handle safely.
///
/// Open collections live on an explicit stack, so no input can overflow the C stack however deep
/// it nests. Aliases share the node their anchor names instead of copying it, and the limits are
/// counted as if every alias were expanded: an alias bomb ("billion laughs") is a few lines of
/// text that stand for a billion values. Counting costs one lookup per alias, so such text is
/// refused after reading it once, before anything walks the expansion.
///
/// Anchors stay defined for the rest of the text, across `---`, as Yams (which nodeprep read YAML
/// with before) kept them.
struct YAMLComposer {
    /// Far more values than any NodeConfig has; `YAMLReader` reads at most a tenth of this.
    static let maximumExpandedNodes = 1_000_000
    /// Far deeper than any NodeConfig nests (a base runtime spec is about six levels).
    static let maximumDepth = 64

    /// The root of every document in the text, in order (an empty document is an empty plain scalar).
    static func documents(in text: String) -> Result<[YAMLNode], YAMLProblem> {
        // libyaml needs a buffer to point at; an empty text is an empty stream.
        guard !text.isEmpty else { return .success([]) }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return .failure(YAMLProblem(message: "invalid YAML")) }
        defer { yaml_parser_delete(&parser) }
        // Given, not detected: a Swift string is UTF-8 whatever its first bytes look like.
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        var text = text
        return text.withUTF8 { bytes in
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var composer = YAMLComposer()
            while true {
                var cEvent = yaml_event_t()
                guard yaml_parser_parse(&parser, &cEvent) == 1 else {
                    return .failure(composer.deferredProblem ?? YAMLProblem(failedParser: parser))
                }
                let event = YAMLEvent(cEvent)
                yaml_event_delete(&cEvent)
                if case .streamEnd = event.kind {
                    return composer.deferredProblem.map { .failure($0) } ?? .success(composer.roots)
                }
                if let problem = composer.add(event) {
                    return .failure(problem)
                }
            }
        }
    }

    /// How big and how deep a node is once its aliases are expanded.
    private struct Shape {
        var nodes = 1
        /// Collections on the deepest path through the node, itself included.
        var levels = 0
    }

    /// A collection whose end event has not come yet.
    private struct OpenCollection {
        var isMapping: Bool
        var tag: YAMLNode.Tag
        var position: TextPosition
        var anchor: String?
        var items: [YAMLNode] = []
        var pairs: [YAMLNode.Pair] = []
        /// A mapping's key, waiting for its value.
        var pendingKey: YAMLNode?
        var shape = Shape(nodes: 1, levels: 1)

        mutating func add(_ node: YAMLNode, shape child: Shape) {
            shape.nodes = min(shape.nodes + child.nodes, YAMLComposer.maximumExpandedNodes + 1)
            shape.levels = max(shape.levels, child.levels + 1)
            guard isMapping else {
                items.append(node)
                return
            }
            if let key = pendingKey {
                pairs.append(YAMLNode.Pair(key: key, value: node))
                pendingKey = nil
            } else {
                pendingKey = node
            }
        }

        var node: YAMLNode {
            isMapping
                ? .mapping(YAMLNode.Mapping(pairs: pairs, tag: tag, position: position))
                : .sequence(YAMLNode.Sequence(items: items, tag: tag, position: position))
        }
    }

    /// The node an anchor names, with its expanded shape.
    private struct Anchored {
        var node: YAMLNode
        var shape: Shape
    }

    private var open: [OpenCollection] = []
    private var anchors: [String: Anchored] = [:]
    /// Values so far in the whole text, aliases counted as what they stand for.
    private var expandedNodes = 0
    private var roots: [YAMLNode] = []
    /// The first undefined alias or duplicate key. It is reported once the rest of the text is
    /// read, unless the text also passes a limit or stops being YAML before its end: a limit is
    /// the graver problem, and a syntax error further on is not reached.
    private var deferredProblem: YAMLProblem?

    /// Takes in one event; returns a problem that ends composing.
    private mutating func add(_ event: YAMLEvent) -> YAMLProblem? {
        switch event.kind {
        case .scalar(let scalar):
            return finish(.scalar(scalar), shape: Shape(), anchor: event.anchor, at: event.position)
        case .alias(let name):
            guard let anchored = anchors[name] else {
                deferredProblem = deferredProblem ?? .syntax("found undefined alias", at: event.position)
                // An empty scalar stands in, so the limits are still checked to the end.
                let placeholder = YAMLNode.Scalar(text: "", isPlain: true, tag: .implicit, position: event.position)
                return finish(.scalar(placeholder), shape: Shape(), anchor: nil, at: event.position)
            }
            return finish(anchored.node, shape: anchored.shape, anchor: nil, at: event.position)
        case .sequenceStart(let tag):
            return start(isMapping: false, tag: tag, event: event)
        case .mappingStart(let tag):
            return start(isMapping: true, tag: tag, event: event)
        case .sequenceEnd, .mappingEnd:
            return end(at: event.position)
        case .streamEnd, .boundary:
            return nil
        }
    }

    private mutating func start(isMapping: Bool, tag: YAMLNode.Tag, event: YAMLEvent) -> YAMLProblem? {
        guard open.count < Self.maximumDepth else {
            return .limit("values nest more than \(Self.maximumDepth) levels deep", at: event.position)
        }
        open.append(OpenCollection(isMapping: isMapping, tag: tag, position: event.position, anchor: event.anchor))
        return count(1, at: event.position)
    }

    private mutating func end(at position: TextPosition) -> YAMLProblem? {
        guard let collection = open.popLast() else { return nil }
        if collection.isMapping, deferredProblem == nil {
            deferredProblem = YAMLDuplicateKeys.problem(in: collection.pairs)
        }
        return finish(collection.node, shape: collection.shape, anchor: collection.anchor, counted: true, at: position)
    }

    /// Adds a complete node to the collection around it, or makes it a document's root.
    /// `counted`: a collection's nodes were counted as its events came; a scalar or an alias
    /// is counted here.
    private mutating func finish(
        _ node: YAMLNode, shape: Shape, anchor: String?, counted: Bool = false, at position: TextPosition
    ) -> YAMLProblem? {
        if let anchor {
            anchors[anchor] = Anchored(node: node, shape: shape)
        }
        if open.count + shape.levels > Self.maximumDepth {
            return .limit("values nest more than \(Self.maximumDepth) levels deep (through an alias)", at: position)
        }
        if open.isEmpty {
            roots.append(node)
        } else {
            open[open.count - 1].add(node, shape: shape)
        }
        return counted ? nil : count(shape.nodes, at: position)
    }

    private mutating func count(_ nodes: Int, at position: TextPosition) -> YAMLProblem? {
        expandedNodes = min(expandedNodes + nodes, Self.maximumExpandedNodes + 1)
        guard expandedNodes > Self.maximumExpandedNodes else { return nil }
        return .limit(
            "the document expands to more than \(Self.maximumExpandedNodes) values through aliases (an alias bomb?)",
            at: position)
    }
}
