/// Why a nodeprep command stopped: the one error type that ends a run.
///
/// Decoding and validation collect ``Diagnostic``s rather than throwing, and a refused configuration
/// is a `NodePrepError` holding all of them. Other stages throw their own small error types (the
/// renderer's and the mirror planner's failures, and in NodePrepSystem the IMDS, file and source
/// errors). Where a stage ends,
/// its error is wrapped here, kept whole as ``underlying``, never turned into text: the command line
/// turns a `NodePrepError` into words, an exit code and systemd's `ERRNO=` in one place
/// (`NodePrepError+ExitStatus.swift` in NodePrepSystem), from the ``code`` and the underlying error,
/// so a missing file reports `ENOENT` and a refused write the errno the kernel gave.
///
/// ```swift
/// do {
///     inputs = try await loader.load(sources)
/// } catch {
///     throw NodePrepError(.sourceUnavailable, "cannot read configuration", underlying: error)
/// }
/// ```
public struct NodePrepError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; each code has its own exit code, so a script or systemd can
    /// tell a bad configuration (fix the user data) from an unreachable IMDS (look at the network).
    ///
    /// A struct with static members rather than an enum, so adding a code breaks no caller's
    /// `switch`; tests and callers compare codes with `==`. A wrong command line is not among
    /// them: swift-argument-parser refuses it before a command runs (exit 64).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidConfiguration
            case sourceUnavailable
            case nodeUnreadable
            case writeFailed
            case recordMismatch
            case crashed
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The configuration was read but is not acceptable (exit 65).
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// A source (IMDS, a file) could not be read (exit 69).
        public static let sourceUnavailable = Code(.sourceUnavailable)
        /// The node's current state could not be read: a symlinked folder, an unreadable file (exit 74).
        public static let nodeUnreadable = Code(.nodeUnreadable)
        /// A file could not be written (exit 73).
        public static let writeFailed = Code(.writeFailed)
        /// `nodeprep clean`: the node's files differ from nodeprep's record, so undoing could destroy
        /// someone else's work (exit 65).
        public static let recordMismatch = Code(.recordMismatch)
        /// `init`'s worker process kept crashing, and running it again was given up (exit 70).
        public static let crashed = Code(.crashed)

        /// The code's name, as the journal's `NODEPREP_CODE` field shows it: `sourceUnavailable`.
        public var description: String { base.rawValue }
    }

    /// Where a failure happened when it is not a place in the configuration (those are in
    /// ``diagnostics``, each with its source, MIME part and line:column).
    public enum Location: Sendable, Hashable, CustomStringConvertible {
        /// A file or folder: a `file://` source, a node path, `config dump -o`'s output.
        case file(String)
        /// An IMDS request path such as `/latest/user-data`.
        case imds(String)

        public var description: String {
            switch self {
            case .file(let path): path
            case .imds(let path): "IMDS \(path)"
            }
        }
    }

    public var code: Code
    /// What nodeprep was doing, in words for the log: `cannot read configuration`.
    public var message: String
    /// Where it happened, when known.
    public var location: Location?
    /// For ``Code/invalidConfiguration``: every problem found, each with where it is.
    public var diagnostics: [Diagnostic]
    /// The error that caused this one, kept whole: ``IMDSError``, ``NodeFileError``, a renderer failure.
    public var underlying: (any Error)?

    public init(
        _ code: Code, _ message: String, location: Location? = nil, diagnostics: [Diagnostic] = [],
        underlying: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.location = location
        self.diagnostics = diagnostics
        self.underlying = underlying
    }

    /// The configuration was refused: every problem, from a decoder or a validator.
    public static func invalidConfiguration(_ diagnostics: [Diagnostic], underlying: (any Error)? = nil) -> Self {
        NodePrepError(.invalidConfiguration, "invalid configuration", diagnostics: diagnostics, underlying: underlying)
    }

    /// The diagnostics that stop the run (warnings are reported on their own).
    public var errors: [Diagnostic] {
        diagnostics.filter { $0.severity == .error }
    }

    /// `cannot read configuration: /etc/x.yaml: no such file or folder`, or for a refused
    /// configuration the message and every problem on a line of its own.
    public var description: String {
        if !diagnostics.isEmpty {
            let noun = errors.count == 1 ? "problem" : "problems"
            return "\(message) (\(errors.count) \(noun)):\n" + errors.map { "  \($0)" }.joined(separator: "\n")
        }
        guard let underlying else { return message }
        return "\(message): \(underlying)"
    }
}
