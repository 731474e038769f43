import Testing
import Yams

@testable import NodePrepCore

/// ``YAMLComposer`` must give the rest of the decoder what Yams' parser (which nodeprep composed
/// documents with before) gave it: the same trees, with the same texts, styles, tags and
/// positions, and the same errors at the same places. Each sample is composed by both and the two
/// results, written out as text, must be equal.
///
/// In this test binary both run on the copy of libyaml that Yams compiles in (its symbols take
/// precedence over the system library's); the nodeprep binary uses Debian's. The two differ only
/// in nesting limits, which `YAMLComposerTests` and the bad-input corpus cover.
struct YAMLComposerOracleTests {
    static let samples = [
        "a: 1\nb: \"two\"\nc: 'three'\nd: |\n  block\n  text\ne: >\n  folded\n  text\n",
        "f: [x, \"y\", {z: 1, w: [2, 3]}]\ng: {}\nh: []\n",
        "g: !!int \"5\"\nh: !!str 5\ni: ! yes\nj: !custom text\nk: !!null\nl: !<tag:example.com,2024:x> v\n",
        "%TAG !e! tag:example.com,2024:\n---\na: !e!thing v\nb: !!map {c: d}\nc: !!seq [e]\nd: ! [f]\n",
        "k: &anchor {p: q, r: [s]}\nl: *anchor\nm:\n  - &s scalar\n  - *s\n  -\n  - ~\n",
        "? [complex, key]\n: value\n? {mapping: key}\n: other\n\"quoted key\": 1\n'single': 2\n",
        "ключ: значение\nx: [ä, \"ö\", ü]\n✓: {é: 1}\n",
        "--- a\n--- \n---\nb: 1\n...\n--- [x]\n# only a comment\n---\n",
        "# comment\n\n  top:\n    - one\n    -   two\n    - - nested\n      - list\n",
        "a: &x 1\n---\nb: *x\n",
        "plain: text with  spaces  \nempty:\nnull: null\ntilde: ~\nbool: yes\n",
        "- a\n- b: c\n  d: e\n- [f, g]\n- \"multi\n  line\"\n",
        "a: \"\\0nul and \\t tab \\u263A\"\n",
        "",
        "   \n",
        "\u{FEFF}a: 1\n",
        "a: 1\r\nb:\r\n  - c\r\n",
        "a: \"\u{1F600} emoji\"\nb: [\u{1F600}, x]\n",
        // Errors: scanner, parser, composer, duplicate keys.
        "a: [b\n",
        "a: 'x\n",
        "\tb: 1\n",
        "a: b: c\n",
        "- a\nb: c\n",
        "key: *undefined\n",
        "a: 1\na: 2\n",
        "b: 1\na: 1\nb: 2\na: 2\n",
        "name: a\n\"name\": b\n",
        "1: a\n\"1\": b\n",
        "1: a\n!!int 1: b\n",
        "%YAML 2.0\n---\na\n",
        "a: !e!x y\n",
        "a: |\n  x\n b\n",
        "{a: 1, a: 2}\n",
        "a: &x 1\nb: &x 2\nc: *x\n",
        "- x\n---\n- *nowhere\n- [\n",
        "a: {k: 1, k: 2}\nb: [unclosed\n",
        "k: 1\nk: 2\nb: [unclosed\n",
        "k: *nowhere\nb: [unclosed\n",
    ]

    @Test(arguments: samples)
    func composesAsYamsDid(text: String) {
        #expect(Self.ours(text) == Self.yams(text), "\(text.debugDescription)")
    }

    /// Keys written more than once: the hash-table path (more than sixteen keys) answers as Yams did.
    @Test func manyKeysWithDuplicates() {
        let keys = (0..<40).map { "k\($0 % 30): \($0)" }.joined(separator: "\n")
        #expect(Self.ours(keys) == Self.yams(keys))
    }

    // MARK: - Both results as text

    static func ours(_ text: String) -> String {
        switch YAMLComposer.documents(in: text) {
        case .success(let roots): return roots.map { describe($0) }.joined(separator: "\n")
        case .failure(let problem): return "error \(problem.position?.description ?? "-") \(problem.message)"
        }
    }

    static func describe(_ node: YAMLNode, isKey: Bool = false) -> String {
        switch node {
        case .scalar(let scalar):
            // Yams rewrote the tags in every key while checking for duplicates (a plain `key` became
            // `str`); keys are read as text, so tags inside keys are left out.
            let tag = isKey ? "" : " " + scalarTag(scalar.tag)
            return "\(scalar.position) \(scalar.isPlain ? "plain" : "styled")\(tag) \(scalar.text.debugDescription)"
        case .sequence(let sequence):
            return "\(sequence.position) [\(isKey ? "" : collectionTag(sequence.tag)) "
                + sequence.items.map { describe($0, isKey: isKey) }.joined(separator: ", ") + "]"
        case .mapping(let mapping):
            return "\(mapping.position) {\(isKey ? "" : collectionTag(mapping.tag)) "
                + mapping.pairs.map { describe($0.key, isKey: true) + ": " + describe($0.value, isKey: isKey) }
                .joined(separator: ", ") + "}"
        }
    }

    static func scalarTag(_ tag: YAMLNode.Tag) -> String {
        switch tag {
        case .implicit: return "implicit"
        case .nonSpecific: return "string"
        case .explicit(let name): return name == "tag:yaml.org,2002:str" ? "string" : name
        }
    }

    static func collectionTag(_ tag: YAMLNode.Tag) -> String {
        switch tag {
        case .implicit: return ""
        case .nonSpecific: return "!"
        case .explicit(let name): return name
        }
    }

    static func yams(_ text: String) -> String {
        var roots: [Node] = []
        do {
            let parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
            while let root = try parser.nextRoot() {
                roots.append(root)
            }
        } catch let error as YamlError {
            return describe(error)
        } catch {
            return "unexpected \(error)"
        }
        return roots.map { describe($0) }.joined(separator: "\n")
    }

    static func describe(_ node: Node, isKey: Bool = false) -> String {
        switch node {
        case .scalar(let scalar):
            let tag: String
            switch scalar.tag.rawValue {
            case Tag.Name.implicit.rawValue: tag = "implicit"
            case Tag.Name.nonSpecific.rawValue, Tag.Name.str.rawValue: tag = "string"
            case let name: tag = name
            }
            return "\(position(scalar.mark)) \(scalar.style == .plain ? "plain" : "styled")\(isKey ? "" : " " + tag) "
                + scalar.string.debugDescription
        case .sequence(let sequence):
            return "\(position(sequence.mark)) [\(isKey ? "" : sequence.tag.rawValue) "
                + sequence.map { describe($0, isKey: isKey) }.joined(separator: ", ") + "]"
        case .mapping(let mapping):
            return "\(position(mapping.mark)) {\(isKey ? "" : mapping.tag.rawValue) "
                + mapping.map { describe($0.key, isKey: true) + ": " + describe($0.value, isKey: isKey) }
                .joined(separator: ", ") + "}"
        case .alias:
            return "alias"
        }
    }

    static func position(_ mark: Mark?) -> String {
        mark.map { "\($0.line):\($0.column)" } ?? "-"
    }

    /// The error as nodeprep worded Yams' errors.
    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return "error \(position(mark)) invalid YAML: \(problem)"
        case .reader(let problem, _, _, _):
            return "error - invalid YAML: \(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            let verb = duplicates.count == 1 ? "key \(keys) appears" : "keys \(keys) appear"
            return "error \(position(context.mark)) invalid YAML: \(verb) more than once in a mapping"
        default:
            return "error - invalid YAML"
        }
    }
}
