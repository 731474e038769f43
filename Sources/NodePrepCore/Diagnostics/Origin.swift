/// Where a configuration document came from: the source, the MIME part, the document in the part.
///
/// Every error and every `--explain` line names an origin, so a user can find the part of their user
/// data that a value or a problem belongs to.
public struct Origin: Sendable, Hashable, CustomStringConvertible {
    /// The source as the user named it: `user-data`, or a file path.
    public var source: String
    /// The MIME part number (1-based; nested parts as `3.2`) and its media type, when the source was MIME.
    public var part: Part?
    /// The YAML document number within the part or file (1-based), shown only when there are several.
    public var document: Int?

    public struct Part: Sendable, Hashable {
        public var number: String
        /// The part's media type, without parameters; nil when its `Content-Type` could not be
        /// parsed (the problem then quotes the header once, not the origin too).
        public var mediaType: String?

        /// Media types of real parts are a few dozen characters; a longer one is cut so the
        /// origin leaves room for the message.
        static let mediaTypeLength = 100

        public init(number: String, mediaType: String?) {
            self.number = number
            self.mediaType = mediaType.map { MessageText.bounded($0, to: Self.mediaTypeLength) }
        }
    }

    public init(source: String, part: Part? = nil, document: Int? = nil) {
        self.source = source
        self.part = part
        self.document = document
    }

    public var description: String {
        var text = source
        if let part {
            text += " part \(part.number)" + (part.mediaType.map { " (\($0))" } ?? "")
        }
        if let document {
            text += " document \(document)"
        }
        return text
    }
}

/// A line and column (both 1-based) within a part or file.
public struct TextPosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}
