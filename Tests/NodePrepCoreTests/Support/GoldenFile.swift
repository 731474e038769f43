import Foundation
import Testing

@testable import NodePrepCore

/// Golden files: reviewed outputs kept under `Tests/NodePrepCoreTests/Golden/`, compared byte for
/// byte with what the code produces now.
///
/// `NODEPREP_UPDATE_GOLDEN=1 swift test --filter GoldenFileTests` writes the current outputs over
/// them instead of comparing (only that suite: `GoldenOutputTests` reads the same files while it
/// runs). A rewritten file is a change to review in `git diff` like code: the test cannot know
/// whether the new bytes are right, only that they are different.
enum GoldenFile {
    /// The command that regenerates every golden file, quoted in each mismatch.
    static let updateCommand = "NODEPREP_UPDATE_GOLDEN=1 swift test --filter GoldenFileTests"

    static let isUpdating = ProcessInfo.processInfo.environment["NODEPREP_UPDATE_GOLDEN"] == "1"

    /// `Tests/NodePrepCoreTests/Golden`, found from this file's place in the source tree.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

    /// The bytes of a file below ``root``.
    static func read(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(path)))
    }

    /// Whether a file or folder exists below ``root``.
    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    /// Every regular file below the folder `path`, as sorted paths relative to it; empty when the
    /// folder does not exist.
    static func files(below path: String) -> [String] {
        let folder = root.appendingPathComponent(path)
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var found: [String] = []
        let prefix = folder.standardizedFileURL.path.count + 1
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            found.append(String(url.standardizedFileURL.path.dropFirst(prefix)))
        }
        return found.sorted()
    }

    /// Compares `actual` with the golden file at `path` (below ``root``), recording an issue with a
    /// unified diff when they differ; when updating, writes `actual` there instead.
    static func check(_ actual: String, at path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = root.appendingPathComponent(path)
        if isUpdating {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = exists(path) ? String(decoding: try read(path), as: UTF8.self) : nil
        if let message = mismatch(expected: expected, actual: actual, path: path) {
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }

    /// Why `actual` does not match the golden text: a unified diff from the golden file to the
    /// actual output, and how to regenerate; nil when they are equal.
    static func mismatch(expected: String?, actual: String, path: String) -> String? {
        guard expected != actual else { return nil }
        let heading = "Golden/\(path) "
        let advice = "\nIf the new output is right, regenerate with `\(updateCommand)` and review the diff."
        guard let expected else {
            return heading + "is missing; the code produced:\n" + actual + advice
        }
        let diff = UnifiedDiff.render(old: expected, new: actual, oldName: "Golden/" + path, newName: "actual")
        guard diff.isEmpty else { return heading + "differs from the output (- golden, + actual):\n" + diff + advice }
        // The diff is line-based: what is left is the final newline.
        let ending = { (text: String) in text.hasSuffix("\n") ? "ends with a newline" : "has no final newline" }
        return heading + "differs only at the end: the golden file \(ending(expected)), the output \(ending(actual))."
            + advice
    }

    /// Deletes the folder `path` below ``root``, so an update leaves no file the code stopped producing.
    static func removeFolder(_ path: String) throws {
        let url = root.appendingPathComponent(path)
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
    }
}
