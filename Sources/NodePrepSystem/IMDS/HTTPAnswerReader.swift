/// One HTTP answer: what ``IMDSTransport`` hands back.
struct HTTPAnswer: Sendable, Equatable {
    var status: Int
    var body: [UInt8]
    /// Whether the connection may carry the next request.
    var keepAlive: Bool
}

/// Why an HTTP exchange failed, before it is named in IMDS terms.
enum HTTPFailure: Error, Equatable {
    /// Where an answer stopped when the connection closed in the middle of it.
    enum CutOff: Equatable {
        case head
        case body(expected: Int?, received: Int)
    }

    case hostNotFound
    /// Refused, or no route to the host.
    case refused
    case timedOut
    case cancelled
    /// The connection closed before the first byte of the answer.
    case closed
    /// The connection closed in the middle of the answer.
    case cutOff(CutOff)
    case malformed(String)
    case tooLarge(limit: Int)
    case system(String, Int32)
}

/// Parses an HTTP/1.x answer from bytes as they arrive: status line, headers, then a body framed
/// by Content-Length, chunked transfer coding or the end of the connection (RFC 9112 §6.3).
/// Interim 1xx answers are skipped.
struct HTTPAnswerReader {
    private enum Stage {
        case head
        case sizedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkEnd
        case trailers
        case bodyUntilClose
    }

    static let headLimit = 64 * 1024

    let limit: Int
    private var stage = Stage.head
    private var status = 0
    private var keepAlive = true
    private var expectedLength: Int?
    private var body: [UInt8] = []
    private var scannedHeadBytes = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Consumes what it can from `buffer`; the answer once it is complete, nil while more is needed.
    mutating func parse(_ buffer: inout [UInt8], expectsBody: Bool) throws(HTTPFailure) -> HTTPAnswer? {
        while true {
            switch stage {
            case .head:
                guard let headEnd = findHeadEnd(buffer) else {
                    guard buffer.count <= Self.headLimit else { throw .malformed("header section over 64 KiB") }
                    return nil
                }
                let head = buffer[..<headEnd]
                buffer.removeFirst(headEnd)
                scannedHeadBytes = 0
                if let answer = try startBody(parsingHead: head, expectsBody: expectsBody) { return answer }
            case .sizedBody(let remaining):
                let count = min(remaining, buffer.count)
                try appendBody(buffer[..<count])
                buffer.removeFirst(count)
                guard count == remaining else {
                    stage = .sizedBody(remaining: remaining - count)
                    return nil
                }
                return finished()
            case .chunkSize:
                guard let line = Self.takeLine(&buffer) else { return nil }
                let digits = line.prefix { $0 != UInt8(ascii: ";") }.filter { $0 != 0x20 && $0 != 0x09 }
                guard !digits.isEmpty, digits.count <= 15, let size = Int(String(decoding: digits, as: UTF8.self), radix: 16)
                else { throw .malformed("bad chunk size") }
                stage = size == 0 ? .trailers : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let count = min(remaining, buffer.count)
                try appendBody(buffer[..<count])
                buffer.removeFirst(count)
                guard count == remaining else {
                    stage = .chunkData(remaining: remaining - count)
                    return nil
                }
                stage = .chunkEnd
            case .chunkEnd:
                guard let line = Self.takeLine(&buffer) else { return nil }
                guard line.isEmpty else { throw .malformed("chunk not followed by a line end") }
                stage = .chunkSize
            case .trailers:
                guard let line = Self.takeLine(&buffer) else { return nil }
                if line.isEmpty { return finished() }
            case .bodyUntilClose:
                try appendBody(buffer[...])
                buffer.removeAll()
                return nil
            }
        }
    }

    /// At the end of the stream: the answer when its body runs until the close, nil when it was cut off.
    mutating func finishAtEndOfStream(_ buffer: inout [UInt8]) throws(HTTPFailure) -> HTTPAnswer? {
        guard case .bodyUntilClose = stage else { return nil }
        try appendBody(buffer[...])
        buffer.removeAll()
        return finished()
    }

    /// Where the answer stopped, for a connection that closed before it was complete.
    var cutOff: HTTPFailure.CutOff {
        if case .head = stage { return .head }
        return .body(expected: expectedLength, received: body.count)
    }

    private mutating func startBody(parsingHead head: ArraySlice<UInt8>, expectsBody: Bool) throws(HTTPFailure)
        -> HTTPAnswer?
    {
        // Split as bytes: in a Swift String "\r\n" is one Character, not a "\n".
        let lines = head.split(separator: UInt8(ascii: "\n")).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)[...]
        }
        guard let statusLine = lines.first else { throw .malformed("no status line") }
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3, let code = Int(parts[1]),
            (100...599).contains(code)
        else { throw .malformed("bad status line") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw .malformed("bad header line") }
            let name = line[..<colon].lowercased()
            let value = Self.trimmed(line[line.index(after: colon)...])
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        if (100...199).contains(code) { return nil }  // interim; the real answer follows
        status = code
        let connection = headers["connection"]?.lowercased() ?? ""
        keepAlive = parts[0] == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive")
        if !expectsBody || code == 204 || code == 304 { return finished() }
        if let coding = headers["transfer-encoding"]?.lowercased() {
            guard coding.hasSuffix("chunked") else { throw .malformed("unsupported transfer coding \(coding)") }
            stage = .chunkSize
        } else if let lengthText = headers["content-length"] {
            guard let length = Int(lengthText), length >= 0 else { throw .malformed("bad Content-Length") }
            guard length <= limit else { throw .tooLarge(limit: limit) }
            expectedLength = length
            stage = .sizedBody(remaining: length)
        } else {
            keepAlive = false
            stage = .bodyUntilClose
        }
        return nil
    }

    private mutating func appendBody(_ bytes: ArraySlice<UInt8>) throws(HTTPFailure) {
        guard body.count + bytes.count <= limit else { throw .tooLarge(limit: limit) }
        body += bytes
    }

    private func finished() -> HTTPAnswer {
        HTTPAnswer(status: status, body: body, keepAlive: keepAlive)
    }

    /// The length of the head including the empty line that ends it (CRLF or bare LF line ends).
    private mutating func findHeadEnd(_ buffer: [UInt8]) -> Int? {
        let newline = UInt8(ascii: "\n")
        var index = max(scannedHeadBytes, 1)
        while index < buffer.count {
            if buffer[index] == newline {
                if buffer[index - 1] == newline { return index + 1 }
                if index >= 2, buffer[index - 1] == UInt8(ascii: "\r"), buffer[index - 2] == newline { return index + 1 }
            }
            index += 1
        }
        scannedHeadBytes = max(buffer.count, 1)
        return nil
    }

    /// A header value without the optional white space around it.
    private static func trimmed(_ text: Substring) -> String {
        let isSpace = { (character: Character) in character == " " || character == "\t" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }

    /// Removes and returns one line (without its CRLF or LF), nil when no whole line is buffered.
    private static func takeLine(_ buffer: inout [UInt8]) -> ArraySlice<UInt8>? {
        guard let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        var line = buffer[..<newline]
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        let copy = ArraySlice(Array(line))
        buffer.removeFirst(newline + 1)
        return copy
    }
}
