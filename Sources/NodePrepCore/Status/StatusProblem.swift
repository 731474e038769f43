/// One thing that keeps the mirror from working, and what to do about it: one line of
/// `nodeprep status`, one warning in the journal.
public struct StatusProblem: Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, with the facts that show it.
    public var finding: String
    /// What to do about it.
    public var action: String

    public init(_ finding: String, action: String) {
        self.finding = finding
        self.action = action
    }

    public var description: String { "\(finding); \(action)" }
}
