/// Standard base64 (RFC 4648, with padding), decoded the way nodeadm's Go code does: line breaks
/// (`\r`, `\n`) are skipped, anything else outside the alphabet makes the text "not base64".
///
/// Used as a heuristic: user data and NodeConfig parts are tried as base64 first and kept as they are
/// when that fails, so the same bytes decode the same way in nodeprep and in nodeadm.
enum Base64 {
    static func decode(_ bytes: some Collection<UInt8>) -> [UInt8]? {
        var sextets: [UInt8] = []
        sextets.reserveCapacity(bytes.count)
        var padding = 0
        for byte in bytes {
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { continue }
            if byte == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            guard padding == 0, let value = sextet(byte) else { return nil }
            sextets.append(value)
        }
        guard !sextets.isEmpty, (sextets.count + padding) % 4 == 0, padding <= 2 else { return nil }
        guard padding == 0 || sextets.count % 4 == 4 - padding else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(sextets.count * 3 / 4)
        var index = 0
        while index + 4 <= sextets.count {
            let group = sextets[index..<index + 4].reduce(UInt32(0)) { $0 << 6 | UInt32($1) }
            output += [UInt8(group >> 16), UInt8(group >> 8 & 0xFF), UInt8(group & 0xFF)]
            index += 4
        }
        let rest = sextets.count - index
        if rest > 0 {
            let group = sextets[index...].reduce(UInt32(0)) { $0 << 6 | UInt32($1) } << (6 * UInt32(4 - rest))
            output.append(UInt8(group >> 16))
            if rest == 3 { output.append(UInt8(group >> 8 & 0xFF)) }
            // Bits left over in the last group are dropped, not checked: Go's StdEncoding is not
            // strict, so nodeadm reads `aB==` as `h`, and a certificate it accepts must pass here.
        }
        return output
    }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: "/"): return 63
        default: return nil
        }
    }
}
