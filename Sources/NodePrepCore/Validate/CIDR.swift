/// CIDR notation check (`10.100.0.0/16`, `fd00::/108`): nodeadm derives the cluster DNS address
/// from the cluster CIDR, so a malformed one breaks the kubelet configuration later.
enum CIDR {
    static func isValid(_ text: String) -> Bool {
        let pieces = text.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count == 2, !pieces[1].isEmpty, pieces[1].allSatisfy(\.isASCIIDigit), let bits = Int(pieces[1])
        else { return false }
        if IPAddressSyntax.isIPv4(pieces[0]) { return bits <= 32 }
        if IPAddressSyntax.isIPv6(pieces[0]) { return bits <= 128 }
        return false
    }
}
