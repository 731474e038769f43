import Glibc

/// Reads the entry names of an open directory stream: the one `readdir` loop behind the
/// writer's folder listings, configuration folders and the descriptors a child must not inherit.
enum DirectoryStream {
    /// Every name `stream` lists from its current position, without `.` and `..`, in readdir's order.
    static func names(_ stream: OpaquePointer) -> [String] {
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
