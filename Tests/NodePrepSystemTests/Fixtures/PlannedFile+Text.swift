import NodePrepCore

extension PlannedFile {
    /// The contents as text, for tests that edit a fixture into a broken variant.
    var text: String { String(decoding: contents, as: UTF8.self) }

    /// The same file with `original` replaced by `replacement` in its text.
    func replacing(_ original: String, with replacement: String) -> PlannedFile {
        PlannedFile(path: path, text: text.replacingOccurrences(of: original, with: replacement), mode: mode)
    }
}
