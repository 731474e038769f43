/// One problem found in the configuration, with everything a user needs to find it.
///
/// Decoding and validation collect diagnostics instead of throwing at the first one, so a user fixing
/// their user data sees every problem in one run.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: Sendable, Hashable {
        /// The configuration cannot be used; nothing is written.
        case error
        /// Worth telling the user; the configuration is still used.
        case warning
    }

    public var severity: Severity
    public var origin: Origin
    public var position: TextPosition?
    /// One line of at most ``MessageText/maximumLength`` characters, whatever values from user
    /// data it quotes.
    public var message: String
    /// How many characters were cut from the end of ``message``; the rendered line says so.
    public var omittedLength: Int

    /// The most a rendered problem (``description``) holds, in Unicode scalars. What prints it adds
    /// at most ``labelAllowance`` (`nodeprep: warning: `, `error: `, the indent of a list), so every
    /// line nodeprep prints about a problem stays within ``MessageText/maximumLength``.
    public static let maximumLength = MessageText.maximumLength - labelAllowance
    public static let labelAllowance = 20
    /// The source, part and position keep at most this much, so the message always has room.
    static let whereLength = 200

    public init(_ severity: Severity, _ message: String, at origin: Origin, position: TextPosition? = nil) {
        self.severity = severity
        self.origin = origin
        self.position = position
        (self.message, self.omittedLength) = MessageText.cut(message)
    }

    public static func error(_ message: String, at origin: Origin, position: TextPosition? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: origin, position: position)
    }

    public static func warning(_ message: String, at origin: Origin, position: TextPosition? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: origin, position: position)
    }

    /// `user-data part 2 (application/node.eks.aws) line 7:5: unknown field spec.containerd.baseRuntimeSpc`
    ///
    /// The one place a problem becomes text: printable and at most ``maximumLength`` scalars,
    /// however long the file path, media type or quoted value behind it.
    public var description: String {
        var place = origin.description
        if let position {
            place += " line \(position)"
        }
        let shownPlace = MessageText.bounded(place, to: Self.whereLength)
        let room = Self.maximumLength - shownPlace.unicodeScalars.count - 2
        return shownPlace + ": " + MessageText.bounded(message, to: room, omitted: omittedLength)
    }
}

extension Sequence where Element == Diagnostic {
    /// Whether any of these diagnostics stops the configuration from being used.
    public var containsErrors: Bool {
        contains { $0.severity == .error }
    }
}
