import Logging

/// The key moments of a nodeprep run, each with a fixed journal `MESSAGE_ID`.
///
/// A message ID lets an operator or a monitor find one kind of event across every boot and
/// every wording change: `journalctl MESSAGE_ID=8e5a9b1bac864cb48e5afd38df9b81c2` lists every
/// file nodeprep rewrote. The IDs are random 128-bit values chosen once; they must never change.
///
/// An event rides on a log line as the ``metadataKey`` metadata entry; ``metadata(_:)`` adds it:
/// ```swift
/// logger.info("wrote \(path)", metadata: NodePrepEvent.fileWritten.metadata(["path": "\(path)"]))
/// ```
public enum NodePrepEvent: String, Sendable, CaseIterable, CustomStringConvertible {
    /// A file was replaced or created (metadata `path`).
    case fileWritten = "file-written"
    /// A file already had the planned contents and was left alone (metadata `path`).
    case fileUnchanged = "file-unchanged"
    /// The registry mirror's `hosts.toml` files are in place (metadata `registries`, and `path`:
    /// the mirror's `configPath`).
    case mirrorConfigured = "mirror-configured"
    /// The run stopped with an error; nothing after it happened.
    case fatalError = "fatal-error"
    /// Every file is in place and the service manager was told `READY=1`.
    case ready = "ready"
    /// `nodeprep status` found containerd running on nodeprep's files with the mirror settings.
    case mirrorEffective = "mirror-effective"
    /// `nodeprep status` found something that keeps the mirror from working (one per problem).
    case statusProblem = "status-problem"
    /// `init`'s worker process crashed and the supervisor started it again (see `InitSupervisor`).
    case workerCrashed = "worker-crashed"

    /// The metadata key whose value names the event.
    public static let metadataKey = "event"

    public var description: String { rawValue }

    /// The journal `MESSAGE_ID`: 32 lower-case hex digits, as `systemd-id128 new` prints them.
    public var messageID: String {
        switch self {
        case .fileWritten: "8e5a9b1bac864cb48e5afd38df9b81c2"
        case .fileUnchanged: "f072f9a57caa40c78fda471632096810"
        case .mirrorConfigured: "3efc1dddb37d4217a9d0acfd41f7a213"
        case .fatalError: "0d9cf70e1be645a698b4ebd6e948a93b"
        case .ready: "ccdf2c74ff9845118051f6d5b2b02bc3"
        case .mirrorEffective: "edb3272b72ce4c43a5b4dd3ed36e951a"
        case .statusProblem: "7b8c4c55829041068221d335cca48f7a"
        case .workerCrashed: "78a191dfb40f43aca478cf813ff73187"
        }
    }
}

extension NodePrepEvent {
    /// `extra` with this event's entry added, for a log call's `metadata:` argument.
    public func metadata(_ extra: Logger.Metadata = [:]) -> Logger.Metadata {
        extra.merging([Self.metadataKey: .string(rawValue)]) { _, event in event }
    }
}
