/// CIDR notation check (`10.100.0.0/16`, `fd00::/108`), as Go's `net.ParseCIDR` accepts it; nodeadm
/// derives the cluster DNS address from it, so a bad one breaks the kubelet config later.
enum CIDR {
    static func isValid(_ text: String) -> Bool {
        let pieces = text.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count == 2, let bits = Int(pieces[1]), pieces[1].allSatisfy(\.isASCII) else { return false }
        if isIPv4(pieces[0]) { return (0...32).contains(bits) }
        if isIPv6(pieces[0]) { return (0...128).contains(bits) }
        return false
    }

    static func isIPv4(_ text: Substring) -> Bool {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { octet in
            !octet.isEmpty && octet.count <= 3 && octet.allSatisfy(\.isASCIIDigit) && Int(octet)! <= 255
        }
    }

    static func isIPv6(_ text: Substring) -> Bool {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        let groups = halves.flatMap { $0.isEmpty ? [] : $0.split(separator: ":", omittingEmptySubsequences: false) }
        let validGroups = groups.allSatisfy { group in
            !group.isEmpty && group.count <= 4 && group.allSatisfy(\.isHexDigit)
        }
        return validGroups && (halves.count == 2 ? groups.count < 8 : groups.count == 8)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
