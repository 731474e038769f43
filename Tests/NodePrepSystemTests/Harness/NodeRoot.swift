import Foundation
import NodePrepCore

/// A folder that stands for a node's `/`: planned files are written under it at their node paths,
/// so a test daemon started with this root (`startContainerd(nodeRoot:)`) finds them where a node
/// would.
struct NodeRoot {
    let path: String

    /// Where `nodePath` (absolute, e.g. `/etc/containerd/config.toml`) lives in this root.
    func hostPath(_ nodePath: String) -> String {
        path + nodePath
    }

    /// The text of the node's `/etc/containerd/config.toml`.
    func containerdConfig() throws -> String {
        try String(contentsOfFile: hostPath("/etc/containerd/config.toml"), encoding: .utf8)
    }

    /// Writes each file with its mode, creating folders as needed.
    func write(_ files: [PlannedFile]) throws {
        for file in files {
            let target = hostPath(file.path)
            try FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(file.contents).write(to: URL(fileURLWithPath: target))
            try FileManager.default.setAttributes(
                [.posixPermissions: Int(file.mode)], ofItemAtPath: target)
        }
    }
}

extension ContainerdRig {
    /// A fresh node root inside the rig's scratch folder, holding `files`.
    func makeNodeRoot(with files: [PlannedFile]) throws -> NodeRoot {
        let name = (scratch.uniquePath("node") as NSString).lastPathComponent
        let root = NodeRoot(path: try scratch.makeDirectory(name))
        try root.write(files)
        return root
    }
}
