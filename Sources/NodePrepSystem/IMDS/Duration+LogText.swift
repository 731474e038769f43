extension Duration {
    /// Whole milliseconds, e.g. "400 ms": retry and timeout messages end up in the journal,
    /// where Duration's default "0.015573522139827378 seconds" is noise.
    var logText: String {
        let (seconds, attoseconds) = components
        return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
    }
}
