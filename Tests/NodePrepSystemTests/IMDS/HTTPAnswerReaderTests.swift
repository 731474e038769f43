import Testing

@testable import NodePrepSystem

/// The answer parser on its own, fed the bytes real servers send, whole and in pieces.
struct HTTPAnswerReaderTests {
    /// Feeds `pieces` one after another, as separate reads would deliver them.
    static func read(_ pieces: [String], expectsBody: Bool = true, endOfStream: Bool = false) throws(HTTPFailure)
        -> (HTTPAnswer?, HTTPAnswerReader)
    {
        var reader = HTTPAnswerReader(limit: 1024)
        var buffer: [UInt8] = []
        for piece in pieces {
            buffer += Array(piece.utf8)
            if let answer = try reader.parse(&buffer, expectsBody: expectsBody) { return (answer, reader) }
        }
        if endOfStream { return (try reader.finishAtEndOfStream(&buffer), reader) }
        return (nil, reader)
    }

    @Test func sizedBodyArrivingByteByByte() throws {
        let text = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello"
        let (answer, _) = try Self.read(text.map(String.init))
        #expect(answer == HTTPAnswer(status: 200, body: Array("hello".utf8), keepAlive: true))
    }

    @Test func chunkedBodyWithExtensionAndTrailer() throws {
        let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: 1\r\n\r\n"
        let (answer, _) = try Self.read([text])
        #expect(answer?.body == Array("abcde".utf8))
    }

    @Test func bodyUntilCloseEndsWithTheStreamAndClosesTheConnection() throws {
        let (answer, _) = try Self.read(["HTTP/1.0 200 OK\n\nall of ", "it"], endOfStream: true)
        #expect(answer == HTTPAnswer(status: 200, body: Array("all of it".utf8), keepAlive: false))
    }

    @Test func interimAnswerIsSkipped() throws {
        let (answer, _) = try Self.read(["HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"])
        #expect(answer?.status == 404)
    }

    @Test func connectionCloseHeaderEndsKeepAlive() throws {
        let (answer, _) = try Self.read(["HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"])
        #expect(answer?.keepAlive == false)
    }

    @Test func answerWithoutBodyForHead() throws {
        let (answer, _) = try Self.read(["HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"], expectsBody: false)
        #expect(answer == HTTPAnswer(status: 200, body: [], keepAlive: true))
    }

    @Test func shortBodyReportsWhereItStopped() throws {
        let (answer, reader) = try Self.read(["HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"], endOfStream: true)
        #expect(answer == nil)
        #expect(reader.cutOff == .body(expected: 10, received: 3))
    }

    @Test func cutInTheHeader() throws {
        let (answer, reader) = try Self.read(["HTTP/1.1 200 OK\r\nContent-"], endOfStream: true)
        #expect(answer == nil)
        #expect(reader.cutOff == .head)
    }

    @Test(arguments: [
        "SSH-2.0-OpenSSH\r\n\r\n",
        "HTTP/1.1 2000 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ])
    func malformedAnswersAreErrors(text: String) {
        #expect(throws: HTTPFailure.self) { try Self.read([text]) }
    }

    @Test func bodyOverTheLimitIsRefusedBeforeItIsRead() {
        #expect(throws: HTTPFailure.tooLarge(limit: 1024)) {
            try Self.read(["HTTP/1.1 200 OK\r\nContent-Length: 1025\r\n\r\n"])
        }
        #expect(throws: HTTPFailure.tooLarge(limit: 1024)) {
            try Self.read(["HTTP/1.1 200 OK\r\n\r\n", String(repeating: "x", count: 1025)])
        }
    }
}
