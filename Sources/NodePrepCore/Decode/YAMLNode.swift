/// One node of a composed YAML document: what ``YAMLReader`` walks to read a configuration.
///
/// It keeps only what nodeprep's reading needs: a scalar's text, whether it was written plain (a
/// plain `10` is a number, a quoted `"10"` is text), its tag, and where every node starts, so each
/// diagnostic can name a line and column. An alias is the node its anchor names, shared rather
/// than copied: the arrays below are copy-on-write, so a thousand aliases of one list cost a
/// thousand references, not a thousand lists.
enum YAMLNode: Sendable {
    case scalar(Scalar)
    case sequence(Sequence)
    case mapping(Mapping)

    struct Scalar: Sendable {
        var text: String
        /// Plain (unquoted, not a block) scalars are typed by their text; every other style is a string.
        var isPlain: Bool
        var tag: Tag
        var position: TextPosition
    }

    struct Sequence: Sendable {
        var items: [YAMLNode]
        var tag: Tag
        var position: TextPosition
    }

    struct Mapping: Sendable {
        /// In document order, as written (duplicate keys are refused while composing).
        var pairs: [Pair]
        var tag: Tag
        var position: TextPosition
    }

    struct Pair: Sendable {
        var key: YAMLNode
        var value: YAMLNode
    }

    /// The tag a node was given in the text.
    enum Tag: Hashable, Sendable {
        /// No tag, on a plain scalar or a collection: its type follows from what it is.
        case implicit
        /// A quoted or block scalar without a tag, or the `!` tag: a string (or a plain list or mapping).
        case nonSpecific
        /// A tag as libyaml resolves it, `!!int` becoming `tag:yaml.org,2002:int`.
        case explicit(String)
    }

    /// Where the node starts (for an alias: where the node it stands for starts).
    var position: TextPosition {
        switch self {
        case .scalar(let scalar): return scalar.position
        case .sequence(let sequence): return sequence.position
        case .mapping(let mapping): return mapping.position
        }
    }
}
