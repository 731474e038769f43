/// TOML's bare-key rule, in one place: a bare key is one or more of `A-Za-z0-9_-`; any other key
/// must be quoted.
///
/// The syntax check and the `hosts.toml` header scanner read keys with it, and both renderers
/// (containerd's style and go-toml's) use it to decide when a key needs quotes, so what nodeprep
/// writes bare is exactly what it reads as bare.
enum TOMLBareKey {
    /// Whether `byte` may appear in a bare key.
    static func allows(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    /// Whether `key` can be written without quotes (the empty key cannot).
    static func isBare(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy(allows)
    }
}
