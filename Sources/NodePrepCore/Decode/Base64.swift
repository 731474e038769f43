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

    /// Whether `bytes` look like base64 rather than a document: at least 16 characters, all of
    /// the alphabet or `=`, in lines with no spaces. A YAML or JSON document always has a `:`,
    /// a space or a brace; a MIME message has spaces in its headers.
    static func looksEncoded(_ bytes: [UInt8]) -> Bool {
        var count = 0
        for byte in bytes {
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { continue }
            guard byte == UInt8(ascii: "=") || sextet(byte) != nil else {
                // Spaces and tabs only around the text (a pasted value, an editor's last line).
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { continue }
                return false
            }
            count += 1
        }
        return count >= 16
            && !bytes.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }).contains { line in
                let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }
                return trimmed.contains(0x20) || trimmed.contains(0x09)
            }
    }

    /// Why text that looks like base64 does not decode: nil when it does.
    static func problem(in bytes: [UInt8]) -> String? {
        guard decode(bytes) == nil else { return nil }
        let text = bytes.filter { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        if let bad = text.first(where: { $0 != UInt8(ascii: "=") && sextet($0) == nil }) {
            return "character \(Self.printable(bad)) is not base64"
        }
        if let padding = text.firstIndex(of: UInt8(ascii: "=")),
            text[padding...].contains(where: { $0 != UInt8(ascii: "=") })
        {
            return "'=' padding in the middle, at character \(padding + 1)"
        }
        return "\(text.count) characters is not a whole number of 4-character groups (cut off when copied?)"
    }

    private static func printable(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "0x" + String(byte, radix: 16)
    }
}
