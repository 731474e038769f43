/// One file nodeprep intends to write, with the node path it will have.
///
/// The path is the node's real path (`/etc/containerd/config.toml`), never prefixed by `--root`;
/// the writer maps it under the root when one is given, so the plan reads the same in both cases.
public struct PlannedFile: Sendable, Equatable {
    /// The absolute path on the node.
    public var path: String
    /// The complete new contents.
    public var contents: [UInt8]
    /// Permission bits for the file (folders the writer creates get 0755).
    public var mode: UInt32

    public init(path: String, contents: [UInt8], mode: UInt32 = 0o644) {
        self.path = path
        self.contents = contents
        self.mode = mode
    }

    public init(path: String, text: String, mode: UInt32 = 0o644) {
        self.init(path: path, contents: Array(text.utf8), mode: mode)
    }
}
