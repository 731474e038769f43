import Foundation
import Testing

/// Something planted on the node that nodeprep must refuse to read or write through, with the
/// exit code and words of the refusal. The configuration itself is valid.
struct BadNodeState: Sendable, CustomTestStringConvertible {
    var name: String
    var exitCode: Int32
    var fragments: [String]
    /// Changes the seeded node root; `outside` is a folder beside the root.
    var plant: @Sendable (_ root: String, _ outside: String) throws -> Void

    var testDescription: String { name }

    static func symlink(
        _ name: String, at nodePath: String, to target: @escaping @Sendable (String) -> String,
        exit exitCode: Int32, _ fragment: String
    ) -> BadNodeState {
        BadNodeState(name: name, exitCode: exitCode, fragments: [fragment]) { root, outside in
            try? FileManager.default.removeItem(atPath: root + nodePath)
            try FileInspection.makeDirectory((root + nodePath as NSString).deletingLastPathComponent)
            try FileInspection.symlink(root + nodePath, to: target(outside))
        }
    }

    static func replace(
        _ name: String, at nodePath: String, with text: String, exit exitCode: Int32 = 65,
        _ fragment: String
    ) -> BadNodeState {
        BadNodeState(name: name, exitCode: exitCode, fragments: [fragment]) { root, _ in
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + nodePath))
        }
    }

    static let all: [BadNodeState] = [
        symlink(
            "/etc/containerd is a symlink", at: "/etc/containerd", to: { $0 }, exit: 74,
            "/etc/containerd: is a symlink; refusing to follow it"),
        symlink(
            "config.toml is a symlink", at: "/etc/containerd/config.toml", to: { $0 + "/hosts.toml" }, exit: 74,
            "/etc/containerd/config.toml: is a symlink; refusing to follow it"),
        symlink(
            "base-runtime-spec.json is a symlink", at: "/etc/containerd/base-runtime-spec.json",
            to: { $0 + "/hosts.toml" }, exit: 73,
            "/etc/containerd/base-runtime-spec.json: is a symlink; refusing to follow it"),
        symlink(
            "certs.d is a symlink", at: "/etc/containerd/certs.d", to: { $0 }, exit: 74,
            "/etc/containerd/certs.d: is a symlink; refusing to follow it"),
        symlink(
            "/var/lib/nodeprep is a symlink", at: "/var/lib/nodeprep", to: { $0 }, exit: 74,
            "/var/lib/nodeprep: is a symlink; refusing to follow it"),
        symlink(
            "/var/lib is a symlink", at: "/var/lib", to: { $0 }, exit: 74,
            "/var/lib: is a symlink; refusing to follow it"),
        BadNodeState(
            name: "config.toml is a folder", exitCode: 74,
            fragments: ["/etc/containerd/config.toml: is not a regular file"]
        ) { root, _ in
            try FileManager.default.removeItem(atPath: root + "/etc/containerd/config.toml")
            try FileInspection.makeDirectory(root + "/etc/containerd/config.toml")
        },
        BadNodeState(
            name: "/etc/containerd is a file", exitCode: 74,
            fragments: ["/etc/containerd: is not a folder"]
        ) { root, _ in
            try FileManager.default.removeItem(atPath: root + "/etc/containerd")
            try Data("not a folder\n".utf8).write(to: URL(fileURLWithPath: root + "/etc/containerd"))
        },
        BadNodeState(
            name: "config.toml is a FIFO", exitCode: 74,
            fragments: ["/etc/containerd/config.toml: is not a regular file"]
        ) { root, _ in
            try FileManager.default.removeItem(atPath: root + "/etc/containerd/config.toml")
            guard mkfifo(root + "/etc/containerd/config.toml", 0o644) == 0 else { throw POSIXError(.EIO) }
        },
        replace(
            "config.toml is not TOML", at: "/etc/containerd/config.toml", with: "version = 2\n[plugins\n",
            "/etc/containerd/config.toml is not valid TOML at line 2:9: "),
        replace(
            "config.toml holds a NUL", at: "/etc/containerd/config.toml", with: "version = 2\n\u{0}\n",
            "/etc/containerd/config.toml is not valid TOML at line 2:1: NUL character"),
        replace(
            "config.toml with a table header toml++ would abort on", at: "/etc/containerd/config.toml",
            with: "version = 2\n\n[ =plugins]\n",
            "/etc/containerd/config.toml is not valid TOML at line 3:3: a table header must start with a key"),
        replace(
            "config.toml is version 3 on containerd 1.7", at: "/etc/containerd/config.toml", with: "version = 3\n",
            "/etc/containerd/config.toml is config version 3, which containerd 1.7.20 cannot read"),
    ]
}
