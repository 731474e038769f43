import Foundation
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

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var source: String
        public var reason: String

        public init(source: String, reason: String) {
            self.source = source
            self.reason = reason
        }

        public var description: String { "\(source): \(reason)" }
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
            guard FileManager.default.fileExists(atPath: folder) else { return [] }
            return try loadPath(folder)
        case .file(let path):
            return try loadPath(path)
        }
    }

    private func loadPath(_ path: String) throws -> [SourceInput] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw Failure(source: path, reason: "no such file or folder")
        }
        guard isFolder.boolValue else {
            return [SourceInput(name: path, bytes: try read(path), kind: .file)]
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw Failure(source: path, reason: "cannot list folder: \(error.localizedDescription)")
        }
        let documentNames = names.filter {
            Self.documentExtensions.contains(($0 as NSString).pathExtension.lowercased())
        }.sorted()
        return try documentNames.map { name in
            let file = (path as NSString).appendingPathComponent(name)
            return SourceInput(name: file, bytes: try read(file), kind: .file)
        }
    }

    /// Sources are read only up to this size: the decoder refuses more than 1 MiB anyway, and a
    /// source such as `file:///dev/zero` must not be read until memory runs out.
    static let maximumSourceSize = UserDataDecoder().sizeLimit

    /// Reads a regular file (following symlinks: the operator names sources), refusing devices and
    /// FIFOs, which could block the boot or never end.
    private func read(_ path: String) throws -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw Failure(source: path, reason: "cannot be read: \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw Failure(source: path, reason: "is not a regular file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Failure(source: path, reason: "cannot be read")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: Self.maximumSourceSize + 1) ?? Data()
        } catch {
            throw Failure(source: path, reason: "cannot be read: \(error.localizedDescription)")
        }
        guard data.count <= Self.maximumSourceSize else {
            throw Failure(source: path, reason: "is larger than \(Self.maximumSourceSize) bytes")
        }
        return Array(data)
    }
}
