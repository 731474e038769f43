import Testing

@testable import NodePrepCore

/// Every problem renders as one line of at most ``Diagnostic/maximumLength`` scalars, whatever the
/// input: generated user data with long, folded, quoted and combining-mark-laden headers, field
/// names, values, URLs and source names.
@Suite struct ProblemLineBoundTests {
    /// Letters and the characters that matter to the parsers (quotes, `;`, `=`, `:`, spaces),
    /// control characters, a combining mark (many of them make one long character) and non-ASCII.
    static let alphabet: [Character] =
        Array("abcXYZ09 ;=:/\"'\\\t-_.{}[]é") + ["\u{1B}", "\u{7F}", "\u{0301}", "\u{202E}", "漢"]

    static func isOneBoundedLine(_ text: String) -> Bool {
        text.unicodeScalars.count <= Diagnostic.maximumLength
            && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// A Content-Type value of many words folded over many lines, as a mangled multipart has.
    static func foldedHeader(_ generator: inout SplitMix64) -> String {
        let words = (0..<Int(generator.next() % 200 + 1)).map { _ in generator.text(from: alphabet, maximumLength: 40) }
        return "application/node.eks.aws; " + words.joined(separator: "\n ")
    }

    static func generatedSource(_ generator: inout SplitMix64) -> (name: String, bytes: [UInt8]) {
        let long = { (generator: inout SplitMix64) in generator.text(from: alphabet, maximumLength: 3000) }
        let name = generator.next() % 3 == 0 ? "/etc/nodeprep/config.d/" + long(&generator) : "user-data"
        let text: String
        switch generator.next() % 6 {
        case 0:
            text = String(
                decoding: MIMEBuilder.message([
                    MIMEPart(foldedHeader(&generator), Document.nodeConfig("cluster: {name: x}"))
                ]), as: UTF8.self)
        case 1:
            let field = String(long(&generator).filter { $0.isLetter }).prefix(2000)
            text = Document.nodeConfig("cluster:\n  name: a\n  x\(field): 1")
        case 2:
            text = Document.nodeConfig(
                "cluster:\n  enableOutpost: \"\(long(&generator).filter { $0 != "\"" && $0 != "\\" })\"")
        case 3:
            text = Document.mirrorConfig(
                "targets: [\"http://\(long(&generator).filter { $0 != "\"" && $0 != "\\" })\"]")
        case 4:
            text = "Content-Type: multipart/mixed; boundary=\"\(long(&generator).filter { $0 != "\"" })\"\n\n--x\n"
        default:
            let type = "application/" + String(repeating: "x", count: Int(generator.next() % 5000))
            text = String(decoding: MIMEBuilder.message([MIMEPart(type + "; =", "")]), as: UTF8.self)
        }
        return (name, Encoding.utf8(text))
    }

    @Test func everyProblemOfGeneratedInputIsOneBoundedLine() {
        var generator = SplitMix64(seed: 0x500_11E5)
        var problems = 0
        for _ in 0..<300 {
            let source = Self.generatedSource(&generator)
            let kind: UserDataDecoder.SourceKind = source.name == "user-data" ? .userData : .file
            let resolution = ConfigResolution(inputs: [SourceInput(name: source.name, bytes: source.bytes, kind: kind)])
            for diagnostic in resolution.diagnostics + NodeConfigRequirements.problems(in: resolution.config) {
                problems += 1
                #expect(Self.isOneBoundedLine(diagnostic.description), "\(diagnostic.description.debugDescription)")
            }
        }
        #expect(problems >= 300, "the generated inputs must produce problems to check")
    }

    /// The mangled multipart's header is quoted once, in the message; the origin names the part only.
    @Test func anUnparsableContentTypeIsQuotedOnce() throws {
        let folded = "application/node.eks.aws; charset=\"utf-8" + String(repeating: "\n folded-word", count: 60)
        let result = Pipeline.decodeUserData(
            MIMEBuilder.message([MIMEPart(folded, Document.nodeConfig("cluster: {name: x}"))]))
        let problem = try #require(result.diagnostics.first).description
        #expect(
            problem.hasPrefix(
                "user-data part 1: invalid Content-Type: \"application/node.eks.aws; charset=\"utf-8 folded-word"))
        let header = "application/node.eks.aws; charset=\"utf-8" + String(repeating: " folded-word", count: 60)
        let message = "invalid Content-Type: \"\(header)\" has an unterminated quoted parameter"
        let shown = problem.dropFirst("user-data part 1: ".count).prefix { $0 != "…" }
        #expect(problem.hasSuffix("… (\(message.count - shown.count) more characters)"))
        #expect((400...Diagnostic.maximumLength).contains(problem.unicodeScalars.count))
        #expect(problem.components(separatedBy: "application/node.eks.aws").count == 2)
    }

    /// A long source path is cut, the message keeps its room.
    @Test func aLongSourceNameLeavesRoomForTheMessage() {
        let path = "/srv/" + String(repeating: "d/", count: 600) + "n.yaml"
        let diagnostic = Diagnostic.error(
            "unknown field spec.x", at: Origin(source: path), position: TextPosition(line: 4, column: 1))
        #expect(diagnostic.description.hasSuffix("more characters): unknown field spec.x"))
        #expect(diagnostic.description.unicodeScalars.count <= Diagnostic.maximumLength)
    }

    /// A thousand combining marks on one letter are one character: the bound counts scalars.
    @Test func combiningMarksCountOneByOne() {
        let value = "e" + String(repeating: "\u{0301}", count: 1000)
        let diagnostic = Diagnostic.error("bad value \(value)", at: Origin(source: "user-data"))
        #expect(diagnostic.description.unicodeScalars.count <= Diagnostic.maximumLength)
    }

    /// No room at all (a caller's arithmetic gone wrong) is an empty text, never a crash.
    @Test func aLimitOfNothingIsEmpty() {
        #expect(MessageText.bounded("abc", to: -5) == "")
        #expect(MessageText.bounded("abcdef", to: 3) == "abc")
    }

    @Test func shortProblemsAreUnchanged() {
        let diagnostic = Diagnostic.error(
            "unknown field spec.x",
            at: Origin(source: "u", part: .init(number: "2", mediaType: "application/node.eks.aws")),
            position: TextPosition(line: 7, column: 5))
        #expect(diagnostic.description == "u part 2 (application/node.eks.aws) line 7:5: unknown field spec.x")
    }
}
