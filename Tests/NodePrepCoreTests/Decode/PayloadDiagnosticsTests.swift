import Foundation
import Testing

@testable import NodePrepCore

/// Problems with the user data's layers (encodings, MIME, sizes), each with its exact text and the
/// part it belongs to; and the promise that every problem is reported in one run.
@Suite struct PayloadDiagnosticsTests {
    static let limit = 1 << 20

    private func errors(_ bytes: [UInt8]) -> [String] {
        Pipeline.decodeUserData(bytes).errors
    }

    private func errors(ofParts parts: [MIMEPart]) -> [String] {
        errors(MIMEBuilder.message(parts))
    }

    /// The example from the issue, to the character.
    @Test func unknownFieldNamesSourcePartLineAndPath() {
        let part = MIMEPart(
            "application/node.eks.aws",
            """
            apiVersion: node.eks.aws/v1alpha1
            kind: NodeConfig
            spec:
              cluster:
                name: prod
              containerd:
                baseRuntimeSpc:
                  process: {}
            """)
        #expect(
            errors(ofParts: [.shellScript, part]) == [
                "user-data part 2 (application/node.eks.aws) line 7:5: unknown field spec.containerd.baseRuntimeSpc"
            ])
    }

    /// Lines are counted within the part, across its documents, as an editor shows them.
    @Test func nestedPartAndDocumentNumbers() {
        let inner = MIMEBuilder.nested(
            boundary: "in",
            [
                MIMEPart(
                    "application/vnd.nodeprep+yaml",
                    Document.mirrorConfig("configPath: /x\n") + "---\n"
                        + Document.mirrorConfig("resolveTags: maybe\n"))
            ])
        #expect(
            errors(ofParts: [.shellScript, .nodeConfig("{}"), inner]) == [
                "user-data part 3.1 (application/vnd.nodeprep+yaml) document 2 line 9:16: "
                    + "spec.resolveTags must be true or false, found string \"maybe\""
            ])
    }

    @Test func invalidBase64TransferEncoding() {
        let part = MIMEPart("application/node.eks.aws", "not*base64", headers: ["Content-Transfer-Encoding: base64"])
        #expect(
            errors(ofParts: [part]) == [
                "user-data part 1 (application/node.eks.aws): body is not valid base64 (Content-Transfer-Encoding: base64)"
            ])
    }

    @Test func corruptGzip() {
        var stream = Encoding.gzip(Document.nodeConfig("{}"))
        stream[stream.count - 8] ^= 0xFF
        #expect(errors(stream) == ["user-data: gzip data is corrupt: incorrect data check"])
        #expect(
            errors(ofParts: [MIMEPart("application/node.eks.aws", bytes: Array(stream.prefix(12)))]) == [
                "user-data part 1 (application/node.eks.aws): gzip data is corrupt: truncated or corrupt data"
            ])
    }

    /// 2 MiB of spaces gzip to a few KiB; decoding must refuse them, not allocate them.
    @Test func gzipBomb() {
        let bomb = Encoding.gzip([UInt8](repeating: 0x20, count: 2 << 20))
        #expect(bomb.count < 10_000)
        #expect(errors(bomb) == ["user-data: gzip data expands to more than 1048576 bytes; refused"])
        #expect(errors(Encoding.base64(bomb)) == ["user-data: gzip data expands to more than 1048576 bytes; refused"])
        #expect(
            errors(ofParts: [.shellScript, MIMEPart("application/node.eks.aws", bytes: bomb)]) == [
                "user-data part 2 (application/node.eks.aws): gzip data expands to more than 1048576 bytes; refused"
            ])
    }

    @Test func payloadOverTheLimit() {
        let padding = String(repeating: "#", count: Self.limit - Document.nodeConfig("{}").utf8.count) + "\n"
        let atLimit = Document.nodeConfig("{}") + padding.dropLast(1)
        #expect(atLimit.utf8.count == Self.limit)
        #expect(errors(Encoding.utf8(atLimit)).isEmpty)
        #expect(errors(Encoding.utf8(atLimit + "\n")) == ["user-data: 1048577 bytes is more than the limit of 1048576"])
        #expect(
            errors(Encoding.base64(atLimit + "\n")) == ["user-data: 1048577 bytes is more than the limit of 1048576"])
    }

    @Test(arguments: [
        ("application", "\"application\" is not a media type"),
        ("node.eks.aws", "\"node.eks.aws\" is not a media type"),
        ("application/node.eks.aws; charset", "\"application/node.eks.aws; charset\" has a malformed parameter"),
    ])
    func malformedPartContentType(contentType: String, reason: String) {
        #expect(
            errors(ofParts: [.shellScript, MIMEPart(contentType, Document.nodeConfig("{}"))]) == [
                "user-data part 2: invalid Content-Type: \(reason)"
            ])
    }

    @Test func nonUTF8Part() {
        #expect(
            errors(ofParts: [MIMEPart("application/node.eks.aws", bytes: [0x6B, 0x69, 0x6E, 0x64, 0xC3, 0x28])]) == [
                "user-data part 1 (application/node.eks.aws): content is not UTF-8 text"
            ])
    }

    @Test func multipartWithoutBoundary() {
        #expect(
            errors(Encoding.utf8("Content-Type: multipart/mixed\n\n--x\n\nbody\n--x--\n")) == [
                "user-data: multipart/mixed has no boundary parameter"
            ])
    }

    @Test func multipartWithoutAnyDelimiter() {
        #expect(
            errors(Encoding.utf8("Content-Type: multipart/mixed; boundary=x\n\nno parts here\n")) == [
                "user-data: no MIME part starts with the boundary of multipart/mixed"
            ])
    }

    /// Multipart parts nested `depth` levels, each with its own boundary, around one NodeConfig part.
    private static func nested(depth: Int) -> [UInt8] {
        var parts = [MIMEPart.nodeConfig("cluster:\n  name: deep\n")]
        for level in (1..<depth).reversed() {
            parts = [MIMEBuilder.nested(boundary: "level\(level)", parts)]
        }
        return MIMEBuilder.message(boundary: "level0", parts)
    }

    @Test func nestingUpToTheLimitIsRead() {
        let result = Pipeline.decodeUserData(Self.nested(depth: UserDataDecoder.maximumNesting))
        #expect(result.diagnostics.isEmpty)
        #expect(result.origins == ["user-data part 1.1.1.1.1.1.1.1.1.1 (application/node.eks.aws)"])
    }

    /// Deep nesting is cheap to send (gzip shrinks its repetition); it must be an error, not a stack
    /// overflow that kills the process (5000 levels did before the limit).
    @Test(arguments: [UserDataDecoder.maximumNesting + 1, 5000])
    func deeperNestingIsRefused(depth: Int) {
        let userData = Encoding.base64(Encoding.gzip(Self.nested(depth: depth)))
        #expect(
            errors(userData) == [
                "user-data part 1.1.1.1.1.1.1.1.1.1 (multipart/mixed): multipart nested more than 10 levels deep; refused"
            ])
    }

    /// A billion-laughs document: nine levels of ten aliases. The reader must stop at its budget,
    /// quickly, instead of expanding a billion values.
    @Test func aliasBomb() {
        var spec = "kubelet:\n  config:\n    a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for (name, previous) in zip("bcdefghi", "abcdefgh") {
            let aliases = Array(repeating: "*\(previous)", count: 10).joined(separator: ", ")
            spec += "    \(name): &\(name) [\(aliases)]\n"
        }
        let started = Date()
        let result = Pipeline.decodeFile(Document.nodeConfig(spec), name: "bomb.yaml")
        #expect(Date().timeIntervalSince(started) < 5)
        // Refused before the tree is built, at the alias that passed the limit; only the text is fixed.
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.hasPrefix("bomb.yaml line ") == true)
        #expect(result.errors.first?.hasSuffix("through aliases (an alias bomb?)") == true, "\(result.errors)")
    }

    /// A MIME message whose own Content-Type cannot be read is refused: taken for plain text it would
    /// be skipped as someone else's user data, and its NodeConfig lost without a word.
    @Test func unreadableTopLevelContentTypeIsAnError() {
        let userData =
            "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary\n\n--B\nContent-Type: "
            + "application/node.eks.aws\n\n" + Document.nodeConfig("cluster:\n  name: a\n") + "--B--\n"
        let result = Pipeline.decodeUserData(Encoding.utf8(userData))
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.hasPrefix("user-data: invalid Content-Type: ") == true, "\(result.errors)")
    }

    /// Errors in several parts and several sources are all reported, in order, in one run.
    @Test func everyProblemIsReportedAtOnce() {
        let userData = MIMEBuilder.message([
            MIMEPart("application/node.eks.aws", Document.nodeConfig("cluster:\n  nam: a\nkubelet:\n  flags: true\n")),
            MIMEPart("text", "x"),
            .mirrorConfig("targets: none\n"),
            MIMEPart("application/node.eks.aws", "*", headers: ["Content-Transfer-Encoding: base64"]),
        ])
        let resolution = ConfigResolution(inputs: [
            SourceInput(
                name: "/etc/nodeprep/config.d/10.yaml", bytes: Encoding.utf8("kind: NodeConfig\n"), kind: .file),
            SourceInput(name: "user-data", bytes: Encoding.base64(userData), kind: .userData),
        ])
        let expected = [
            "/etc/nodeprep/config.d/10.yaml line 1:1: apiVersion is missing",
            "user-data part 1 (application/node.eks.aws) line 5:5: unknown field spec.cluster.nam",
            "user-data part 1 (application/node.eks.aws) line 7:12: spec.kubelet.flags must be a list of strings, found boolean true",
            "user-data part 2: invalid Content-Type: \"text\" is not a media type",
            "user-data part 3 (application/vnd.nodeprep+yaml) line 4:12: spec.targets must be a list of strings, found string \"none\"",
            "user-data part 4 (application/node.eks.aws): body is not valid base64 (Content-Transfer-Encoding: base64)",
        ]
        #expect(resolution.errors == expected)
        #expect(throws: NodePrepError.self) { try resolution.validConfig() }
        do {
            _ = try resolution.validConfig()
        } catch {
            #expect(
                error.description == "invalid configuration (6 problems):\n"
                    + expected.map { "  " + $0 }.joined(separator: "\n"))
        }
    }

    @Test func warningsAloneLeaveTheConfigUsable() throws {
        let resolution = Pipeline.resolveFiles([Document.nodeConfig("featureGates:\n  Unknown: true\n")])
        #expect(resolution.diagnostics.count == 1)
        #expect(try resolution.validConfig().nodeConfig?.featureGates == ["Unknown": true])
    }
}
