import Foundation

/// A fresh folder under /tmp for one test's files, daemons' state and logs.
///
/// The path is kept short on purpose: containerd's socket lives inside it, and a unix socket path
/// may hold at most 107 bytes.
final class ScratchDirectory {
    let path: String
    private var counter = 0

    init(label: String) throws {
        var template = Array("/tmp/nodeprep-\(label).XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw HarnessError("cannot create a scratch folder under /tmp: errno \(errno)")
        }
        path = String(cString: made)
    }

    /// The absolute path of `relative` inside the scratch folder.
    func path(_ relative: String) -> String {
        "\(path)/\(relative)"
    }

    /// A path that no earlier call returned, for log files of repeated commands.
    func uniquePath(_ stem: String) -> String {
        counter += 1
        return path("\(stem)-\(counter)")
    }

    /// Creates `relative` and its parents, and returns its absolute path.
    @discardableResult
    func makeDirectory(_ relative: String) throws -> String {
        let folder = path(relative)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes `text` to `relative`, creating parent folders, and returns the absolute path.
    @discardableResult
    func write(_ text: String, to relative: String) throws -> String {
        let file = path(relative)
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
