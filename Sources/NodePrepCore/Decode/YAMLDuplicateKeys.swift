/// Finds keys written more than once in one mapping, which YAML does not allow: `name: a` then
/// `name: b` would otherwise leave one of the two values unread without a word.
///
/// Two keys are the same when they are the same kind of node with the same tag and the same
/// content; a key's style does not count, so `name` and `"name"` are one key. An untagged scalar
/// key is a string here (`1` and `"1"` are the same key), as it was when Yams composed documents.
enum YAMLDuplicateKeys {
    /// Up to this many keys are compared pairwise, without building a hash table.
    private static let pairwiseLimit = 16

    /// The problem to report, naming every key written again, at the first of them (in order of
    /// their text) where it is first written. Nil when the keys are distinct.
    static func problem(in pairs: [YAMLNode.Pair]) -> YAMLProblem? {
        let repeated = firstOccurrencesOfRepeatedKeys(pairs)
        guard !repeated.isEmpty else { return nil }
        // Scalars by their text, then other keys in document order.
        let keys = repeated.map { pairs[$0].key }.enumerated().sorted { left, right in
            switch (left.element, right.element) {
            case (.scalar(let a), .scalar(let b)):
                return a.text != b.text ? a.text < b.text : left.offset < right.offset
            case (.scalar, _): return true
            case (_, .scalar): return false
            default: return left.offset < right.offset
            }
        }.map(\.element)
        let names = keys.map(describe).joined(separator: ", ")
        let verb = keys.count == 1 ? "key \(names) appears" : "keys \(names) appear"
        return .syntax("\(verb) more than once in a mapping", at: keys[0].position)
    }

    /// The index of each key's first occurrence, for every key that occurs again, in document order.
    private static func firstOccurrencesOfRepeatedKeys(_ pairs: [YAMLNode.Pair]) -> [Int] {
        var repeated: [Int] = []
        if pairs.count <= pairwiseLimit {
            for index in pairs.indices {
                if let first = pairs[..<index].firstIndex(where: { same($0.key, pairs[index].key) }),
                    !repeated.contains(first)
                {
                    repeated.append(first)
                }
            }
            return repeated.sorted()
        }
        var firstIndex: [Identity: Int] = [:]
        var counted: Set<Int> = []
        for (index, pair) in pairs.enumerated() {
            if let first = firstIndex[Identity(node: pair.key)] {
                if counted.insert(first).inserted { repeated.append(first) }
            } else {
                firstIndex[Identity(node: pair.key)] = index
            }
        }
        return repeated.sorted()
    }

    private static func describe(_ key: YAMLNode) -> String {
        switch key {
        case .scalar(let scalar): return "\"\(scalar.text)\""
        case .sequence: return "(a list)"
        case .mapping: return "(a mapping)"
        }
    }

    /// A key as a hash table entry: equal and hashed as ``same(_:_:)`` compares.
    private struct Identity: Hashable {
        var node: YAMLNode

        static func == (left: Identity, right: Identity) -> Bool {
            same(left.node, right.node)
        }

        /// Recurses through a complex key; the composer's depth limit bounds how far.
        func hash(into hasher: inout Hasher) {
            switch node {
            case .scalar(let scalar):
                hasher.combine(scalar.text)
                hasher.combine(distinctTag(scalar.tag, standard: stringTag))
            case .sequence(let sequence):
                hasher.combine(distinctTag(sequence.tag, standard: sequenceTag))
                for item in sequence.items { Identity(node: item).hash(into: &hasher) }
            case .mapping(let mapping):
                hasher.combine(distinctTag(mapping.tag, standard: mappingTag))
                for pair in mapping.pairs {
                    Identity(node: pair.key).hash(into: &hasher)
                    Identity(node: pair.value).hash(into: &hasher)
                }
            }
        }
    }

    /// Whether two keys are the same key. Recurses through complex keys; the composer's depth limit
    /// bounds how far.
    private static func same(_ left: YAMLNode, _ right: YAMLNode) -> Bool {
        switch (left, right) {
        case (.scalar(let a), .scalar(let b)):
            return a.text == b.text
                && distinctTag(a.tag, standard: stringTag) == distinctTag(b.tag, standard: stringTag)
        case (.sequence(let a), .sequence(let b)):
            return distinctTag(a.tag, standard: sequenceTag) == distinctTag(b.tag, standard: sequenceTag)
                && a.items.count == b.items.count && zip(a.items, b.items).allSatisfy { same($0, $1) }
        case (.mapping(let a), .mapping(let b)):
            return distinctTag(a.tag, standard: mappingTag) == distinctTag(b.tag, standard: mappingTag)
                && a.pairs.count == b.pairs.count
                && zip(a.pairs, b.pairs).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
        default:
            return false
        }
    }

    private static let stringTag = "tag:yaml.org,2002:str"
    private static let sequenceTag = "tag:yaml.org,2002:seq"
    private static let mappingTag = "tag:yaml.org,2002:map"

    /// The tag a key is compared by: nil for its kind's standard tag, written or not (`!!str a` is
    /// the key `a`), else the tag written.
    private static func distinctTag(_ tag: YAMLNode.Tag, standard: String) -> String? {
        guard case .explicit(let name) = tag, name != standard else { return nil }
        return name
    }
}
