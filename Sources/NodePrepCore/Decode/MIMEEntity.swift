/// A MIME message or body part: its header fields and its raw body bytes.
///
/// Parsing is byte-based and forgiving about what real user-data producers emit: LF-only lines
/// (Karpenter), CRLF mixed with LF (terraform's cloudinit provider), folded headers, transport padding
/// after a delimiter, and a missing closing delimiter.
struct MIMEEntity {
    var headers: [(name: String, value: String)]
    var body: ArraySlice<UInt8>

    /// The first header with this name (case-insensitive).
    func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// Splits header fields from the body. Headers end at the first empty line; a line that is neither
    /// a header field nor a continuation also ends them (so plain YAML is "headers" only until its first
    /// nested line, and never has a multipart Content-Type).
    static func parse(_ bytes: ArraySlice<UInt8>) -> MIMEEntity {
        var headers: [(name: String, value: String)] = []
        var cursor = bytes.startIndex
        while cursor < bytes.endIndex {
            let (line, next) = MIMEEntity.line(in: bytes, from: cursor)
            if line.isEmpty {
                return MIMEEntity(headers: headers, body: bytes[next...])
            }
            let text = String(decoding: line, as: UTF8.self)
            if let first = text.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += " " + text.trimmingWhitespace()
            } else if let colon = text.firstIndex(of: ":"), isFieldName(text[..<colon]) {
                headers.append((String(text[..<colon]), text[text.index(after: colon)...].trimmingWhitespace()))
            } else {
                break
            }
            cursor = next
        }
        // No empty line: not a MIME entity with a body; keep everything as the body.
        return MIMEEntity(headers: headers, body: bytes)
    }

    /// The line starting at `start` without its line break (LF or CRLF), and where the next line starts.
    static func line(in bytes: ArraySlice<UInt8>, from start: Int) -> (ArraySlice<UInt8>, Int) {
        guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else {
            return (bytes[start...], bytes.endIndex)
        }
        var end = newline
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return (bytes[start..<end], newline + 1)
    }

    private static func isFieldName(_ name: Substring) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { $0 > 32 && $0 < 127 && $0 != UInt8(ascii: ":") }
    }
}
