import Glibc
import NodePrepCore

/// Reads configuration sources into bytes: the only place that touches files or IMDS for them.
///
/// Folders are read non-recursively, `.yaml`, `.yml` and `.json` files in lexical order, as nodeadm
/// reads `/etc/eks/nodeadm.d/`. The image's own folder may be missing; any other source that cannot
/// be read is an error.
public struct SourceLoader: Sendable {
    public var userData: any UserDataProvider
    /// Where the image folder (`/etc/nodeprep/config.d/`) lives: under `--root` when one is given.
    public var fileSystem: NodeFileSystem

    public init(userData: any UserDataProvider, fileSystem: NodeFileSystem = NodeFileSystem()) {
        self.userData = userData
        self.fileSystem = fileSystem
    }

    /// Why a `file://` source could not be read; the errno is kept for systemd's `ERRNO=`.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public enum Reason: Equatable, Sendable {
            /// Nothing at the path (`ENOENT`).
            case missing
            /// A syscall failed: `stat`, `opendir`, `open`, `read`.
            case system(operation: Operation, errno: Int32)
            /// A device, FIFO or socket, which could block the boot or never end.
            case notARegularFile
            /// More than the decoder would accept.
            case tooLarge(limit: Int)
        }

        /// What was being done when a syscall failed, as the message says it.
        public enum Operation: Equatable, Sendable {
            case find, list, read
        }

        /// The path as the operator named it.
        public var source: String
        public var reason: Reason

        public init(source: String, reason: Reason) {
            self.source = source
            self.reason = reason
        }

        /// The errno behind the failure, when a syscall failed.
        public var errno: Int32? {
            switch reason {
            case .missing: ENOENT
            case .system(_, let code): code
            case .notARegularFile, .tooLarge: nil
            }
        }

        public var description: String {
            switch reason {
            case .missing: "\(source): no such file or folder"
            case .system(.find, let code): "\(source): \(Self.text(code))"
            case .system(.list, let code): "\(source): cannot list folder: \(Self.text(code))"
            case .system(.read, let code): "\(source): cannot be read: \(Self.text(code))"
            case .notARegularFile: "\(source): is not a regular file"
            case .tooLarge(let limit): "\(source): is larger than \(limit) bytes"
            }
        }

        private static func text(_ code: Int32) -> String {
            String(cString: strerror(code))
        }
    }

    static let documentExtensions: Set<String> = ["yaml", "yml", "json"]

    public func load(_ sources: [ConfigSourceURI]) async throws -> [SourceInput] {
        var inputs: [SourceInput] = []
        for source in sources {
            inputs += try await load(source)
        }
        return inputs
    }

    public func load(_ source: ConfigSourceURI) async throws -> [SourceInput] {
        switch source {
        case .imdsUserData:
            guard let bytes = try await userData.userData() else { return [] }
            return [SourceInput(name: "user-data", bytes: bytes, kind: .userData)]
        case .file(let path) where path == ConfigSourceURI.imageConfigFolder:
            let folder = fileSystem.hostPath(path)
            var info = stat()
            guard stat(folder, &info) == 0 else { return [] }
            return try loadPath(folder)
        case .file(let path):
            return try loadPath(path)
        }
    }

    private func loadPath(_ path: String) throws -> [SourceInput] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw Failure(source: path, reason: errno == ENOENT ? .missing : .system(operation: .find, errno: errno))
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            return [SourceInput(name: path, bytes: try readFile(path), kind: .file)]
        }
        let folder = path.hasSuffix("/") ? path : path + "/"
        return try listDocuments(path).map { name in
            SourceInput(name: folder + name, bytes: try readFile(folder + name), kind: .file)
        }
    }

    /// The names in `path` that end in a document extension (any case), sorted.
    private func listDocuments(_ path: String) throws -> [String] {
        guard let stream = opendir(path) else {
            throw Failure(source: path, reason: .system(operation: .list, errno: errno))
        }
        defer { closedir(stream) }
        return DirectoryStream.names(stream).filter(Self.isDocumentName).sorted()
    }

    static func isDocumentName(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return documentExtensions.contains(name[name.index(after: dot)...].lowercased())
    }

    /// Sources are read only up to this size: the decoder refuses more than 1 MiB anyway, and a
    /// source such as `file:///dev/zero` must not be read until memory runs out.
    static let maximumSourceSize = UserDataDecoder().sizeLimit

    /// Reads a regular file (following symlinks: the operator names sources), refusing devices and
    /// FIFOs, which could block the boot or never end.
    private func readFile(_ path: String) throws -> [UInt8] {
        // Checked before opening too: opening some devices has effects of its own.
        var named = stat()
        if stat(path, &named) == 0, named.st_mode & S_IFMT != S_IFREG {
            throw Failure(source: path, reason: .notARegularFile)
        }
        let file = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard file >= 0 else { throw Failure(source: path, reason: .system(operation: .read, errno: errno)) }
        defer { close(file) }
        var info = stat()
        guard fstat(file, &info) == 0 else {
            throw Failure(source: path, reason: .system(operation: .read, errno: errno))
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw Failure(source: path, reason: .notARegularFile)
        }
        switch DescriptorReader.readAll(file, limit: Self.maximumSourceSize) {
        case .complete(let bytes): return bytes
        case .tooLarge: throw Failure(source: path, reason: .tooLarge(limit: Self.maximumSourceSize))
        case .failed(let code): throw Failure(source: path, reason: .system(operation: .read, errno: code))
        }
    }
}
