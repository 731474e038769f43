import Foundation

/// A fresh private folder (mkdtemp) removed with everything in it when the value goes away.
final class TemporaryFolder: Sendable {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/nodeprep-test.XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) != nil }
        guard made else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The path of `relative` inside the folder.
    func path(_ relative: String) -> String {
        path + "/" + relative
    }

    /// Writes `bytes` to `relative` (parents created) and returns its path.
    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let target = path(relative)
        let parent = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// Writes an executable `relative` and returns its path. The descriptor is close-on-exec: a
    /// child another test spawns while this one writes must not take a writable descriptor to the
    /// file along, or running the file fails with ETXTBSY for as long as that child lives.
    @discardableResult
    func writeExecutable(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let target = path(relative)
        let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        guard Glibc.write(descriptor, bytes, bytes.count) == bytes.count else {
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        return target
    }

    /// Every path below the folder, relative and sorted (symlinks listed, not followed).
    func contents() throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: path).sorted()
    }
}
