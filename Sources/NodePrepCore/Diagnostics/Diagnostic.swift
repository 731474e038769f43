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
    /// One line of at most a few hundred characters, whatever values from user data it quotes.
    public var message: String

    public init(_ severity: Severity, _ message: String, at origin: Origin, position: TextPosition? = nil) {
        self.severity = severity
        self.origin = origin
        self.position = position
        self.message = MessageText.bounded(message)
    }

    public static func error(_ message: String, at origin: Origin, position: TextPosition? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: origin, position: position)
    }

    public static func warning(_ message: String, at origin: Origin, position: TextPosition? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: origin, position: position)
    }

    /// `user-data part 2 (application/node.eks.aws) line 7:5: unknown field spec.containerd.baseRuntimeSpc`
    public var description: String {
        var text = origin.description
        if let position {
            text += " line \(position)"
        }
        return text + ": " + message
    }
}

extension Sequence where Element == Diagnostic {
    /// Whether any of these diagnostics stops the configuration from being used.
    public var containsErrors: Bool {
        contains { $0.severity == .error }
    }
}
