/// Builds the dotted field paths used in errors and `--explain`: `spec.kubelet.config.maxPods`,
/// `spec.containerd.config.plugins."io.containerd.grpc.v1.cri".registry.config_path`.
///
/// A key that is not a plain word is quoted, so a key containing dots stays one segment.
public enum FieldPath {
    public static func join(_ path: String, _ key: String) -> String {
        let segment = TOMLValue.renderedKey(key)
        return path.isEmpty ? segment : path + "." + segment
    }

    public static func index(_ path: String, _ index: Int) -> String {
        "\(path)[\(index)]"
    }

    /// Whether `path` is `ancestor` itself or lies below it.
    public static func isWithin(_ path: String, _ ancestor: String) -> Bool {
        path == ancestor || path.hasPrefix(ancestor + ".") || path.hasPrefix(ancestor + "[")
    }

    /// The path itself, then each ancestor up to the first segment:
    /// `a.b[0]`, `a.b`, `a`. Used to find the nearest recorded ancestor of a value.
    public static func selfAndAncestors(_ path: String) -> [String] {
        var result: [String] = []
        var candidate = Substring(path)
        while !candidate.isEmpty {
            result.append(String(candidate))
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            candidate = candidate[..<cut]
        }
        return result
    }
}
