/// The raw bytes of one configuration source (one file, or the user data), ready to decode.
public struct SourceInput: Sendable, Equatable {
    /// The name used in errors and `--explain`: `user-data` or the file's path.
    public var name: String
    public var bytes: [UInt8]
    public var kind: UserDataDecoder.SourceKind

    public init(name: String, bytes: [UInt8], kind: UserDataDecoder.SourceKind) {
        self.name = name
        self.bytes = bytes
        self.kind = kind
    }
}

/// Where user data comes from: IMDS at boot, bytes in tests.
public protocol UserDataProvider: Sendable {
    /// The raw user data, or nil when the instance has none.
    func userData() async throws -> [UInt8]?
}
