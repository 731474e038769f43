import CYaml

/// Measures YAML text with libyaml's event parser before Yams builds a tree of it, and refuses
/// text whose tree would be too big or too deep to handle safely.
///
/// Yams composes recursively and hashes every mapping key to find duplicates, following aliases
/// as it goes. An alias bomb ("billion laughs") that uses an alias as a key makes that hashing
/// walk a billion nodes, and thousands of nested lists overflow the stack, both before nodeprep
/// sees a single node. Counting here, where an alias costs one lookup, keeps both bounded: the
/// expanded size (aliases counted as the nodes they stand for) and the expanded depth.
///
/// Syntax errors are left to Yams, which reports them with the same positions.
enum YAMLShapeCheck {
    /// Far more values than any NodeConfig has; `YAMLReader` reads at most a tenth of this.
    static let maximumExpandedNodes = 1_000_000
    /// Far deeper than any NodeConfig nests (a base runtime spec is about six levels).
    static let maximumDepth = 64

    struct Problem: Equatable {
        var message: String
        var position: TextPosition
    }

    static func problem(in text: String) -> Problem? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var tally = Tally()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return nil }
                if let message = tally.add(event) {
                    return Problem(
                        message: message,
                        position: TextPosition(line: event.start_mark.line + 1, column: event.start_mark.column + 1))
                }
            }
        }
    }

    /// The size and depth of what the events so far expand to.
    private struct Tally {
        /// The size and nesting of a node, or of what an anchor names.
        struct Shape {
            var nodes = 1
            /// Collections on the deepest path through the node, itself included.
            var levels = 0
        }

        /// The collections open around the current event, with their anchors.
        var open: [(shape: Shape, anchor: String?)] = []
        var anchors: [String: Shape] = [:]
        var total = 0

        /// Accounts for one event; returns a message when a limit is passed.
        mutating func add(_ event: yaml_event_t) -> String? {
            switch event.type {
            case YAML_SCALAR_EVENT:
                return finish(Shape(), anchor: Self.name(event.data.scalar.anchor))
            case YAML_ALIAS_EVENT:
                let shape = Self.name(event.data.alias.anchor).flatMap { anchors[$0] } ?? Shape()
                return finish(shape, anchor: nil)
            case YAML_SEQUENCE_START_EVENT:
                return start(anchor: Self.name(event.data.sequence_start.anchor))
            case YAML_MAPPING_START_EVENT:
                return start(anchor: Self.name(event.data.mapping_start.anchor))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let collection = open.popLast() else { return nil }
                return finish(collection.shape, anchor: collection.anchor, counted: true)
            default:
                return nil
            }
        }

        private mutating func start(anchor: String?) -> String? {
            guard open.count < maximumDepth else {
                return "values nest more than \(maximumDepth) levels deep"
            }
            open.append((Shape(levels: 1), anchor))
            return count(1)
        }

        /// Adds a complete node to the collection around it. `counted`: its own nodes were counted
        /// as its events came; an alias or scalar is counted here.
        private mutating func finish(_ shape: Shape, anchor: String?, counted: Bool = false) -> String? {
            if let anchor {
                anchors[anchor] = shape
            }
            if open.count + shape.levels > maximumDepth {
                return "values nest more than \(maximumDepth) levels deep (through an alias)"
            }
            if let last = open.indices.last {
                open[last].shape.nodes = min(open[last].shape.nodes + shape.nodes, maximumExpandedNodes + 1)
                open[last].shape.levels = max(open[last].shape.levels, shape.levels + 1)
            }
            return counted ? nil : count(shape.nodes)
        }

        private mutating func count(_ nodes: Int) -> String? {
            total = min(total + nodes, maximumExpandedNodes + 1)
            guard total > maximumExpandedNodes else { return nil }
            return "the document expands to more than \(maximumExpandedNodes) values through aliases (an alias bomb?)"
        }

        private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            anchor.map { String(cString: $0) }
        }
    }
}
