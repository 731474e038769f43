import Testing

@testable import NodePrepCore

/// The MIME building blocks: Content-Type values, header blocks, multipart bodies, quoted-printable.
@Suite struct MediaTypeTests {
    @Test(arguments: [
        ("multipart/mixed; boundary=\"//\"", "multipart/mixed", ["boundary": "//"]),
        ("multipart/mixed; boundary=MIMEBOUNDARY", "multipart/mixed", ["boundary": "MIMEBOUNDARY"]),
        ("Multipart/Mixed; BOUNDARY=\"Ab\"", "multipart/mixed", ["boundary": "Ab"]),  // value keeps its case
        ("Application/Node.EKS.AWS", "application/node.eks.aws", [:]),
        ("text/x-shellscript; charset=\"us-ascii\"", "text/x-shellscript", ["charset": "us-ascii"]),
        ("  text/plain ;charset=utf-8 ; format=flowed", "text/plain", ["charset": "utf-8", "format": "flowed"]),
        ("multipart/mixed; boundary=\"a\\\"b\"", "multipart/mixed", ["boundary": "a\"b"]),  // quoted-pair
        ("text/plain;", "text/plain", [:]),
        ("application/vnd.nodeprep+yaml", "application/vnd.nodeprep+yaml", [:]),
    ])
    func parses(text: String, type: String, parameters: [String: String]) throws {
        #expect(try MediaType.parse(text) == MediaType(type: type, parameters: parameters))
    }

    @Test(arguments: [
        ("application", "\"application\" is not a media type"),
        ("application/", "\"application/\" is not a media type"),
        ("/node.eks.aws", "\"/node.eks.aws\" is not a media type"),
        ("a b/c", "\"a b/c\" is not a media type"),
        ("text/plain/x", "\"text/plain/x\" is not a media type"),
        ("", "\"\" is not a media type"),
        ("text/plain; charset", "\"text/plain; charset\" has a malformed parameter"),
        ("text/plain; =x", "\"text/plain; =x\" has a malformed parameter"),
        ("multipart/mixed; boundary=\"abc", "\"multipart/mixed; boundary=\"abc\" has an unterminated quoted parameter"),
    ])
    func rejects(text: String, message: String) {
        #expect(throws: MediaType.Failure.malformed(message)) { try MediaType.parse(text) }
    }

    @Test func knowsMultipartTypes() throws {
        #expect(try MediaType.parse("multipart/alternative; boundary=x").isMultipart)
        #expect(try !MediaType.parse("application/node.eks.aws").isMultipart)
    }
}

@Suite struct MIMEEntityTests {
    private func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func splitsHeadersFromBodyAtTheFirstEmptyLine() {
        let entity = MIMEEntity.parse(Encoding.utf8("Content-Type: text/plain\nX-A: 1\n\nbody\n\nmore")[...])
        #expect(entity.headers.map(\.name) == ["Content-Type", "X-A"])
        #expect(entity.header("content-type") == "text/plain")
        #expect(text(entity.body) == "body\n\nmore")
    }

    @Test func acceptsCRLFAndMixedLineBreaks() {
        let entity = MIMEEntity.parse(Encoding.utf8("Content-Type: a/b\nMIME-Version: 1.0\r\n\r\nx\r\ny")[...])
        #expect(entity.header("MIME-Version") == "1.0")
        #expect(text(entity.body) == "x\r\ny")
    }

    @Test func unfoldsContinuationLines() {
        let entity = MIMEEntity.parse(Encoding.utf8("Content-Type: multipart/mixed;\n\tboundary=\"x\"\n\n")[...])
        #expect(entity.header("Content-Type") == "multipart/mixed; boundary=\"x\"")
    }

    @Test func firstHeaderOfANameWins() {
        let entity = MIMEEntity.parse(Encoding.utf8("Content-Type: a/b\nContent-Type: c/d\n\n")[...])
        #expect(entity.header("Content-Type") == "a/b")
    }

    @Test func anEmptyFirstLineMeansNoHeaders() {
        let entity = MIMEEntity.parse(Encoding.utf8("\napiVersion: v1\n")[...])
        #expect(entity.headers.isEmpty)
        #expect(text(entity.body) == "apiVersion: v1\n")
    }

    @Test func textThatIsNotAHeaderBlockIsAllBody() {
        let script = "#!/bin/bash\necho hi\n\necho bye\n"
        let entity = MIMEEntity.parse(Encoding.utf8(script)[...])
        #expect(entity.header("Content-Type") == nil)
        #expect(text(entity.body) == script)
    }
}

@Suite struct MultipartBodyTests {
    private func parts(_ body: String, boundary: String = "B") throws -> [String] {
        try MultipartBody.parts(of: Encoding.utf8(body)[...], boundary: boundary).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    @Test func theLineBreakBeforeADelimiterBelongsToTheDelimiter() throws {
        #expect(try parts("--B\nh: 1\n\none\n--B\nh: 2\n\ntwo\n\n--B--\n") == ["h: 1\n\none", "h: 2\n\ntwo\n"])
    }

    @Test func crlfDelimitersAndLFBodies() throws {
        #expect(try parts("--B\r\nh: 1\r\n\r\na\nb\n\r\n--B--\r\n") == ["h: 1\r\n\r\na\nb\n"])
    }

    @Test func ignoresPreambleAndEpilogue() throws {
        #expect(try parts("This is a preamble.\n--B\n\nx\n--B--\nepilogue\n--B\n\nnot a part\n") == ["\nx"])
    }

    @Test func acceptsTransportPaddingAfterADelimiter() throws {
        #expect(try parts("--B \t\n\nx\n--B--  \n") == ["\nx"])
    }

    @Test func aLineThatOnlyStartsWithTheBoundaryIsBodyText() throws {
        #expect(try parts("--B\n\n--BX\n--B-\n---B\n--B--\n") == ["\n--BX\n--B-\n---B"])
    }

    @Test func aMissingClosingDelimiterEndsTheLastPartAtTheEnd() throws {
        #expect(try parts("--B\n\none\n--B\n\ntwo\n") == ["\none", "\ntwo\n"])
    }

    @Test func aFinalDelimiterWithNothingAfterItAddsNoPart() throws {
        #expect(try parts("--B\n\none\n--B\n") == ["\none"])
    }

    @Test func emptyPartsAreKept() throws {
        #expect(try parts("--B\n--B\n\nx\n--B--") == ["", "\nx"])
    }

    @Test func noDelimiterAtAllIsAnError() {
        #expect(throws: MultipartBody.Failure.noParts(boundary: "B")) { try parts("just text\n") }
    }

    @Test func anEmptyBoundaryIsAnError() {
        #expect(throws: MultipartBody.Failure.noBoundary) { try parts("--\n\nx\n", boundary: "") }
    }
}

@Suite struct QuotedPrintableTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("caf=C3=A9", "café"),
        ("a=3Db", "a=b"),
        ("lower=3d=c3=a9", "lower=é"),
        ("soft=\r\nbreak", "softbreak"),
        ("soft=\nbreak LF", "softbreak LF"),
        ("keeps\r\nhard breaks\n", "keeps\r\nhard breaks\n"),
        ("bad =ZZ escape", "bad =ZZ escape"),  // not an escape: kept as written
        ("ends with =", "ends with ="),
        ("ends with =4", "ends with =4"),
    ])
    func decodes(encoded: String, decoded: String) {
        #expect(QuotedPrintable.decode(Encoding.utf8(encoded)[...]) == Encoding.utf8(decoded))
    }
}
