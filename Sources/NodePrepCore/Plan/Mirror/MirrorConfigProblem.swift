/// One problem with a MirrorConfig setting, named by the field that holds it.
public struct MirrorConfigProblem: Sendable, Hashable, CustomStringConvertible {
    /// Where the value sits in the document: `spec.targets[1]`, `spec.configPath`.
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
