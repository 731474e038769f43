import CLibYAML

/// One of libyaml's parse events, copied out of C memory into Swift values, so the composer never
/// touches the C union and libyaml can free the event at once.
struct YAMLEvent {
    enum Kind {
        case scalar(YAMLNode.Scalar)
        case alias(anchor: String)
        case sequenceStart(YAMLNode.Tag)
        case mappingStart(YAMLNode.Tag)
        case sequenceEnd
        case mappingEnd
        case streamEnd
        /// Stream start, document start and end: the composer learns nothing from them.
        case boundary
    }

    var kind: Kind
    /// The anchor (`&name`) on a scalar or a collection.
    var anchor: String?
    /// Where the event starts in the text.
    var position: TextPosition

    init(_ event: yaml_event_t) {
        position = TextPosition(event.start_mark)
        anchor = nil
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let isPlain = scalar.style == YAML_PLAIN_SCALAR_STYLE
            // Scalars may contain NUL (`"\0"`); libyaml hands out UTF-8 with a length.
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let tag = Self.tag(scalar.tag, untagged: isPlain ? .implicit : .nonSpecific)
            kind = .scalar(YAMLNode.Scalar(text: text, isPlain: isPlain, tag: tag, position: position))
            anchor = Self.string(scalar.anchor)
        case YAML_ALIAS_EVENT:
            kind = .alias(anchor: Self.string(event.data.alias.anchor) ?? "")
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            kind = .sequenceStart(start.implicit != 0 ? .implicit : Self.tag(start.tag, untagged: .implicit))
            anchor = Self.string(start.anchor)
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            kind = .mappingStart(start.implicit != 0 ? .implicit : Self.tag(start.tag, untagged: .implicit))
            anchor = Self.string(start.anchor)
        case YAML_SEQUENCE_END_EVENT:
            kind = .sequenceEnd
        case YAML_MAPPING_END_EVENT:
            kind = .mappingEnd
        case YAML_STREAM_END_EVENT:
            kind = .streamEnd
        default:
            kind = .boundary
        }
    }

    /// libyaml's tag as written (`!` is "no particular type": a string, a list or a mapping).
    private static func tag(_ pointer: UnsafeMutablePointer<yaml_char_t>?, untagged: YAMLNode.Tag) -> YAMLNode.Tag {
        guard let name = string(pointer) else { return untagged }
        return name == "!" ? .nonSpecific : .explicit(name)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
