/// Splits a `multipart/*` body into its parts (RFC 2046 §5.1.1).
///
/// A delimiter is a line that starts with `--boundary`, followed only by optional whitespace; the line
/// break before it belongs to the delimiter, not to the part. The preamble before the first delimiter
/// and the epilogue after `--boundary--` are ignored. A body without the closing delimiter ends its
/// last part at the end of the input, as Karpenter's own parser accepts.
enum MultipartBody {
    enum Failure: Error, Equatable {
        case noBoundary
        case noParts(boundary: String)
    }

    static func parts(of body: ArraySlice<UInt8>, boundary: String) throws(Failure) -> [ArraySlice<UInt8>] {
        guard !boundary.isEmpty else { throw .noBoundary }
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var cursor = body.startIndex
        while cursor < body.endIndex {
            let lineStart = cursor
            let (line, next) = MIMEEntity.line(in: body, from: cursor)
            cursor = next
            guard let kind = delimiterKind(line, delimiter: delimiter) else { continue }
            if let start = partStart {
                parts.append(body[start..<lineBreakStart(before: lineStart, in: body, after: start)])
            }
            if kind == .close {
                return parts
            }
            partStart = next
        }
        if let start = partStart, start < body.endIndex {
            parts.append(body[start...])
        }
        guard partStart != nil else { throw .noParts(boundary: boundary) }
        return parts
    }

    private enum DelimiterKind {
        case open
        case close
    }

    private static func delimiterKind(_ line: ArraySlice<UInt8>, delimiter: [UInt8]) -> DelimiterKind? {
        guard line.starts(with: delimiter) else { return nil }
        var rest = line.dropFirst(delimiter.count)
        var kind = DelimiterKind.open
        if rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")]) {
            kind = .close
            rest = rest.dropFirst(2)
        }
        return rest.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } ? kind : nil
    }

    /// The start of the line break that ends the line before `lineStart` (LF or CRLF).
    private static func lineBreakStart(before lineStart: Int, in body: ArraySlice<UInt8>, after start: Int) -> Int {
        var end = lineStart
        if end > start, body[end - 1] == UInt8(ascii: "\n") {
            end -= 1
            if end > start, body[end - 1] == UInt8(ascii: "\r") {
                end -= 1
            }
        }
        return end
    }
}
