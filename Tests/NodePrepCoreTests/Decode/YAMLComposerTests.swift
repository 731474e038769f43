import Testing

@testable import NodePrepCore

/// ``YAMLComposer``'s own promises: nodes, positions, aliases that share, the limits on hostile
/// text, and which problem is reported when a text has several.
struct YAMLComposerTests {
    static func roots(_ text: String) -> [YAMLNode] {
        guard case .success(let roots) = YAMLComposer.documents(in: text) else {
            Issue.record("\(text.debugDescription) did not compose")
            return []
        }
        return roots
    }

    static func problem(_ text: String) -> YAMLProblem? {
        guard case .failure(let problem) = YAMLComposer.documents(in: text) else { return nil }
        return problem
    }

    static func scalar(_ node: YAMLNode?) -> YAMLNode.Scalar? {
        guard case .scalar(let scalar)? = node else { return nil }
        return scalar
    }

    static func value(_ key: String, in node: YAMLNode?) -> YAMLNode? {
        guard case .mapping(let mapping)? = node else { return nil }
        return mapping.pairs.first { scalar($0.key)?.text == key }?.value
    }

    @Test func scalarsKeepTextStyleTagAndPosition() {
        let root = Self.roots("a: 10\nb: \"10\"\nc: |\n  text\nd: !!int \"5\"\ne: ! yes\nf:\n").first
        let a = Self.scalar(Self.value("a", in: root))
        #expect(a?.text == "10" && a?.isPlain == true && a?.tag == .implicit)
        #expect(a?.position == TextPosition(line: 1, column: 4))
        let b = Self.scalar(Self.value("b", in: root))
        #expect(b?.text == "10" && b?.isPlain == false && b?.tag == .nonSpecific)
        let c = Self.scalar(Self.value("c", in: root))
        #expect(c?.text == "text\n" && c?.isPlain == false && c?.position == TextPosition(line: 3, column: 4))
        let d = Self.scalar(Self.value("d", in: root))
        #expect(d?.tag == .explicit("tag:yaml.org,2002:int") && d?.isPlain == false)
        let e = Self.scalar(Self.value("e", in: root))
        #expect(e?.tag == .nonSpecific && e?.isPlain == true && e?.text == "yes")
        let f = Self.scalar(Self.value("f", in: root))
        #expect(f?.text == "" && f?.isPlain == true && f?.tag == .implicit)
    }

    /// Columns count characters, not bytes: positions in errors must match what an editor shows.
    @Test func columnsCountCharacters() {
        let root = Self.roots("ключ: [ä, ö]\n").first
        guard case .sequence(let list)? = Self.value("ключ", in: root) else {
            Issue.record("not a list")
            return
        }
        #expect(list.position == TextPosition(line: 1, column: 7))
        #expect(list.items.map(\.position) == [TextPosition(line: 1, column: 8), TextPosition(line: 1, column: 11)])
    }

    @Test func anAliasSharesTheAnchoredNode() {
        let root = Self.roots("a: &list [1, 2, 3]\nb: *list\n").first
        guard case .sequence(let anchored)? = Self.value("a", in: root),
            case .sequence(let alias)? = Self.value("b", in: root)
        else {
            Issue.record("not lists")
            return
        }
        // The same node: its position is the anchor's, and its items are the same storage.
        #expect(alias.position == TextPosition(line: 1, column: 4))
        let storage = anchored.items.withUnsafeBufferPointer { $0.baseAddress }
        #expect(alias.items.withUnsafeBufferPointer { $0.baseAddress } == storage)
    }

    /// Anchors stay defined across `---`, and every document is a root, empty ones included.
    @Test func documentsInOrderWithAnchorsAcrossThem() {
        let roots = Self.roots("a: &x 1\n---\n---\nb: *x\n")
        #expect(roots.count == 3)
        #expect(Self.scalar(roots[1])?.text == "")
        #expect(Self.scalar(Self.value("b", in: roots[2]))?.position == TextPosition(line: 1, column: 4))
        #expect(Self.roots("").isEmpty)
        #expect(Self.roots("# only a comment\n").isEmpty)
    }

    @Test func unreadableCharactersHaveNoPosition() {
        #expect(Self.problem("a: \u{01}\n") == YAMLProblem(message: "invalid YAML: control characters are not allowed"))
    }

    @Test func duplicateKeysAreNamedInOrderAtTheFirstOne() {
        #expect(
            Self.problem("b: 1\na: 1\nb: 2\na: 2\n")
                == .syntax(
                    "keys \"a\", \"b\" appear more than once in a mapping", at: TextPosition(line: 2, column: 1)))
        #expect(
            Self.problem("? [x]\n: 1\n? [x]\n: 2\n")
                == .syntax(
                    "key (a list) appears more than once in a mapping", at: TextPosition(line: 1, column: 3)))
        // A tag makes another key: `1` is the string "1", `!!int 1` the integer.
        #expect(Self.problem("1: a\n!!int 1: b\n") == nil)
        let many = (0..<40).map { "k\($0): \($0)" } + ["k7: again"]
        #expect(
            Self.problem(many.joined(separator: "\n"))
                == .syntax(
                    "key \"k7\" appears more than once in a mapping", at: TextPosition(line: 8, column: 1)))
    }

    static let billionLaughs =
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + zip("bcdefghi", "abcdefgh").map { name, previous in
            "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }.joined()

    /// The root, keys and lists before `f` come to 134,465 values; each `*e` adds 111,111, so the
    /// eighth passes a million.
    static let bombProblem = YAMLProblem.limit(
        "the document expands to more than 1000000 values through aliases (an alias bomb?)",
        at: TextPosition(line: 6, column: 36))

    @Test func anAliasBombStopsAtTheAliasThatPassesTheLimit() {
        #expect(Self.problem(Self.billionLaughs) == Self.bombProblem)
        // As a mapping key, where comparing keys would walk the expansion.
        let asKey =
            "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nbomb: {? *e : 1, ? *e : 2}\n"
            + "more: {? *e : 1, ? *e : 2, ? *e : 3, ? *e : 4, ? *e : 5, ? *e : 6, ? *e : 7, ? *e : 8}\n"
        #expect(Self.problem(asKey)?.message.hasSuffix("through aliases (an alias bomb?)") == true)
    }

    /// The count runs over the whole text: a bomb split over documents is still a bomb.
    @Test func theLimitCountsEveryDocument() {
        let split =
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + zip("bcde", "abcd").map { name, previous in
                "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            }.joined() + (0..<10).map { _ in "---\n[*e, *e]\n" }.joined()
        #expect(Self.problem(split)?.message.hasSuffix("through aliases (an alias bomb?)") == true)
    }

    @Test func nestingUpToTheLimitComposes() {
        let deepest = "x: " + String(repeating: "[", count: 63) + String(repeating: "]", count: 63) + "\n"
        #expect(Self.problem(deepest) == nil)
        let tooDeep = "x: " + String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "\n"
        #expect(
            Self.problem(tooDeep)
                == .limit("values nest more than 64 levels deep", at: TextPosition(line: 1, column: 67)))
    }

    /// Far deeper than the limit, in flow and in block style: refused at the 65th level, without
    /// recursion anywhere that could overflow the stack.
    @Test func deepNestingIsRefusedAtTheLimit() {
        let flow = String(repeating: "[", count: 900) + String(repeating: "]", count: 900)
        #expect(
            Self.problem(flow) == .limit("values nest more than 64 levels deep", at: TextPosition(line: 1, column: 65)))
        let block = (0..<200).map { String(repeating: " ", count: 2 * $0) + "k:\n" }.joined()
        #expect(
            Self.problem(block)
                == .limit("values nest more than 64 levels deep", at: TextPosition(line: 65, column: 129)))
    }

    @Test func anAliasThatNestsTooDeepWhereItIsUsed() {
        let text =
            "a: &deep " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n"
            + "b: " + String(repeating: "[", count: 30) + "*deep" + String(repeating: "]", count: 30) + "\n"
        #expect(
            Self.problem(text)
                == .limit(
                    "values nest more than 64 levels deep (through an alias)", at: TextPosition(line: 2, column: 34)))
    }

    /// A limit is the graver problem and wins over an earlier duplicate key or undefined alias;
    /// those win over a syntax error after them, which is not reached (a duplicate key is found
    /// when its mapping ends).
    @Test func whichProblemIsReported() {
        #expect(Self.problem("k: 1\nk: 2\n---\n" + Self.billionLaughs) == Self.bombProblem.moved(lines: 3))
        #expect(
            Self.problem("k: *nowhere\nk2: [unclosed\n")
                == .syntax(
                    "found undefined alias", at: TextPosition(line: 1, column: 4)))
        #expect(
            Self.problem("a: {k: 1, k: 2}\nb: [unclosed\n")
                == .syntax(
                    "key \"k\" appears more than once in a mapping", at: TextPosition(line: 1, column: 5)))
        // A mapping's keys are compared when it ends, which this one never does.
        #expect(Self.problem("k: 1\nk: 2\nb: [unclosed\n")?.message == "invalid YAML: did not find expected ',' or ']'")
        #expect(
            Self.problem("k2: [unclosed\nk: *nowhere\n")?.message == "invalid YAML: did not find expected ',' or ']'")
    }
}

extension YAMLProblem {
    /// The same problem, further down the text.
    func moved(lines: Int) -> YAMLProblem {
        YAMLProblem(message: message, position: position.map { TextPosition(line: $0.line + lines, column: $0.column) })
    }
}
