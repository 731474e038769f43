import Foundation
import Glibc

/// Everything under a folder, as a value: each entry's kind, mode, and contents or link target.
///
/// Two captures are equal exactly when nothing below the folder was created, removed, replaced
/// or changed, which is what "bad input changes nothing" means for a node root.
enum NodeTree {
    /// Relative path → description (`file 644 <bytes>`, `dir 755`, `link -> target`).
    static func capture(_ folder: String) throws -> [String: String] {
        var tree: [String: String] = [:]
        for relative in try FileManager.default.subpathsOfDirectory(atPath: folder) {
            let path = folder + "/" + relative
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let mode = String(info.st_mode & 0o7777, radix: 8)
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                tree[relative] = "dir \(mode)"
            case S_IFLNK:
                tree[relative] =
                    "link -> " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?")
            case S_IFREG:
                let bytes = FileInspection.bytes(path) ?? []
                tree[relative] = "file \(mode) " + String(decoding: bytes, as: UTF8.self)
            default:
                tree[relative] = "special \(mode)"
            }
        }
        return tree
    }
}
