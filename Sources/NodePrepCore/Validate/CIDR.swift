/// CIDR notation check (`10.100.0.0/16`, `fd00::/108`), as Go's `net.ParseCIDR` accepts it; nodeadm
/// derives the cluster DNS address from it, so a bad one breaks the kubelet config later.
enum CIDR {
    static func isValid(_ text: String) -> Bool {
        let pieces = text.split(separator: "/", omittingEmptySubsequences: false)
        // Digits only: Swift's Int("+16") would accept a sign that Go refuses.
        guard pieces.count == 2, !pieces[1].isEmpty, pieces[1].allSatisfy(\.isASCIIDigit),
            let bits = Int(pieces[1])
        else { return false }
        if isIPv4(pieces[0]) { return (0...32).contains(bits) }
        if isIPv6(pieces[0]) { return (0...128).contains(bits) }
        return false
    }

    /// Four decimal octets; a leading zero is refused (Go reads `010` as ambiguous, not as 10 or 8).
    static func isIPv4(_ text: Substring) -> Bool {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { octet in
            !octet.isEmpty && octet.count <= 3 && octet.allSatisfy(\.isASCIIDigit) && Int(octet)! <= 255
                && (octet.count == 1 || octet.first != "0")
        }
    }

    /// Eight groups of up to four hex digits, `::` standing for one or more zero groups, and the last
    /// two groups optionally written as an IPv4 address (`::ffff:10.0.0.0`).
    static func isIPv6(_ text: Substring) -> Bool {
        var address = String(text)
        if let lastColon = address.lastIndex(of: ":"), address[address.index(after: lastColon)...].contains(".") {
            guard isIPv4(address[address.index(after: lastColon)...]) else { return false }
            address = address[...lastColon] + "0:0"
        }
        let halves = address.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        let groups = halves.flatMap { $0.isEmpty ? [] : $0.split(separator: ":", omittingEmptySubsequences: false) }
        let validGroups = groups.allSatisfy { group in
            !group.isEmpty && group.count <= 4 && group.allSatisfy { $0.isASCII && $0.isHexDigit }
        }
        return validGroups && (halves.count == 2 ? groups.count < 8 : groups.count == 8)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
