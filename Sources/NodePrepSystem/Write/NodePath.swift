/// An absolute path on the node, checked and split into components.
///
/// Paths come from the plan and are joined under `--root` component by component, so `..` or an
/// empty component could escape the root or name the wrong file; they are rejected up front.
struct NodePath: Equatable, Sendable, CustomStringConvertible {
    /// The components below `/`; empty for `/` itself.
    let components: [String]
    /// The path as text, kept because it keys the writer's folder lookups.
    let description: String

    init(_ text: String) throws(NodeFileError) {
        guard text.hasPrefix("/") else {
            throw NodeFileError(path: text, reason: .invalidPath("not absolute"))
        }
        guard !text.utf8.contains(0) else {
            throw NodeFileError(path: text, reason: .invalidPath("contains a NUL byte"))
        }
        // Split on bytes: splitting by Character costs more than the rest of a file's write.
        let parts = text.utf8.split(separator: UInt8(ascii: "/")).map { String(Substring($0)) }
        if let bad = parts.first(where: { $0 == "." || $0 == ".." }) {
            throw NodeFileError(path: text, reason: .invalidPath("component \"\(bad)\" is not allowed"))
        }
        self.init(components: parts)
    }

    private init(components: [String], description: String? = nil) {
        self.components = components
        self.description = description ?? "/" + components.joined(separator: "/")
    }

    /// The folder holding this path; nil for `/`.
    var parent: NodePath? {
        guard let last = components.last else { return nil }
        let text = String(description.utf8.dropLast(last.utf8.count + 1))!
        return NodePath(components: Array(components.dropLast()), description: text.isEmpty ? "/" : text)
    }

    /// The last component; nil for `/`.
    var name: String? {
        components.last
    }

    func appending(_ name: String) -> NodePath {
        NodePath(components: components + [name], description: (components.isEmpty ? "" : description) + "/" + name)
    }

    /// Checks that `name` can be one path component (for backup folder names).
    static func checkComponent(_ name: String, in folder: NodePath) throws(NodeFileError) {
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.utf8.contains(0) else {
            throw NodeFileError(path: folder.description, reason: .invalidPath("\"\(name)\" is not a single file name"))
        }
    }
}
