extension RegistryURL {
    /// The one shape nearly every registry and target URL has, `http(s)://name[:port]` or
    /// `http(s)://${NODE_IP}[:port]`, checked over its bytes; nil for anything else, which then
    /// goes through the full checks (and gets their messages).
    ///
    /// The full checks walk the text Character by Character, which costs about 20 µs per URL; a
    /// mirror over 200 registries is checked several times per boot. Everything accepted here is
    /// accepted by the full checks with the same scheme, host and port (a test holds both to that).
    init?(commonForm text: String) {
        var rest = text.utf8[...]
        guard let scheme = Self.commonScheme(&rest) else { return nil }
        let colon = rest.firstIndex(of: UInt8(ascii: ":"))
        let hostBytes = rest[..<(colon ?? rest.endIndex)]
        let host: Host
        if hostBytes.elementsEqual(Self.nodeAddressPlaceholder.utf8) {
            host = .nodeAddress
        } else if Self.isCommonHostName(hostBytes) {
            host = .literal(String(decoding: hostBytes, as: UTF8.self))
        } else {
            return nil
        }
        var port: String?
        if let colon {
            let digits = rest[rest.index(after: colon)...]
            guard (1...5).contains(digits.count), digits.allSatisfy(Self.isASCIIDigit),
                let value = Int(String(decoding: digits, as: UTF8.self)), (1...65535).contains(value)
            else { return nil }
            port = String(decoding: digits, as: UTF8.self)
        }
        self.init(scheme: scheme, host: host, port: port)
    }

    private init(scheme: String, host: Host, port: String?) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// `http://` or `https://` in any case, removed from `rest`; the scheme in lower case.
    private static func commonScheme(_ rest: inout Substring.UTF8View.SubSequence) -> String? {
        for scheme in ["https", "http"] {
            let prefix = Array((scheme + "://").utf8)
            // Letters in either case (the prefix's are lower case); ":" and "/" exactly.
            let isLetter = { (byte: UInt8) in (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
            guard rest.count > prefix.count,
                zip(rest, prefix).allSatisfy({ isLetter($1) ? $0 | 0x20 == $1 : $0 == $1 })
            else { continue }
            rest = rest.dropFirst(prefix.count)
            return scheme
        }
        return nil
    }

    /// Dot-separated names of 1 to 63 letters, digits, `-` and `_`, 253 bytes at most, and not
    /// one of the reserved folder names.
    private static func isCommonHostName(_ bytes: Substring.UTF8View.SubSequence) -> Bool {
        guard (1...253).contains(bytes.count),
            bytes.allSatisfy({ isASCIIDigit($0) || (0x61...0x7A).contains($0 | 0x20) || "-_.".utf8.contains($0) })
        else { return false }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.allSatisfy({ (1...63).contains($0.count) }) else { return false }
        return !reservedHosts.contains(String(decoding: bytes, as: UTF8.self))
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
