import NodePrepCore

extension PlannedFile {
    /// The contents as text, for tests that edit a fixture into a broken variant.
    var text: String { String(decoding: contents, as: UTF8.self) }

    /// The same file with `original` replaced by `replacement` in its text.
    func replacing(_ original: String, with replacement: String) -> PlannedFile {
        PlannedFile(path: path, text: text.replacingOccurrences(of: original, with: replacement), mode: mode)
    }
}

extension Plan {
    /// The files this plan writes, in order: what a test boots containerd on.
    var files: [PlannedFile] {
        steps.compactMap { if case .write(let file) = $0 { file } else { nil } }
    }
}
