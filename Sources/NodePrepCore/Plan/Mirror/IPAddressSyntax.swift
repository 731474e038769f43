/// Syntax checks for IP address literals, used for the node address and for hosts in mirror URLs.
///
/// Written by hand rather than with `inet_pton` so the core stays free of platform calls and its
/// rules are visible: no zone identifiers (`fe80::1%eth0` would need `%25` in a URL and means
/// nothing to another machine) and no leading zeros in IPv4 parts (ambiguous: octal or decimal).
enum IPAddressSyntax {
    /// Whether `text` is a dotted-quad IPv4 address such as `10.0.0.5`.
    static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCIIDigit) else { return false }
            if part.count > 1 && part.first == "0" { return false }
            return Int(part)! <= 255
        }
    }

    /// Whether `text` is an IPv6 address such as `fd00::5` or `::ffff:10.0.0.5` (without brackets).
    static func isIPv6(_ text: Substring) -> Bool {
        let halves = text.split(separator: "::", maxSplits: 2, omittingEmptySubsequences: false)
        guard halves.count <= 2 else { return false }
        let compressed = halves.count == 2
        var groups = 0
        for (index, half) in halves.enumerated() where !half.isEmpty {
            let pieces = half.split(separator: ":", omittingEmptySubsequences: false)
            for (position, piece) in pieces.enumerated() {
                let isLastOfAddress = index == halves.count - 1 && position == pieces.count - 1
                if isLastOfAddress && isIPv4(piece) {
                    groups += 2
                } else if (1...4).contains(piece.count) && piece.allSatisfy(\.isASCIIHexDigit) {
                    groups += 1
                } else {
                    return false
                }
            }
        }
        return compressed ? groups <= 7 : groups == 8
    }
}

/// ASCII-only character classes: URL hosts and IP literals are ASCII, while `Character.isNumber`
/// and friends also accept other scripts, fullwidth forms and digits with combining marks.
extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIILetterOrDigit: Bool { isASCII && (isLetter || isNumber) }
    var isASCIIHexDigit: Bool { isASCII && isHexDigit }
}
