import Testing

@testable import NodePrepCore

/// A `file://` source holding what EC2 shows for user data: base64 of the user data, possibly
/// of gzip, read like IMDS user data.
@Suite struct EncodedUserDataFileTests {
    static let mirror = """
        apiVersion: nodeprep.dev/v1alpha1
        kind: MirrorConfig
        spec:
          targets: ["http://10.0.0.5:30020"]
        """
    static let mime = MIMEBuilder.message(
        boundary: "b", [MIMEPart.shellScript, MIMEPart("application/vnd.nodeprep+yaml", mirror)])

    static func decodeFile(_ bytes: [UInt8]) -> UserDataDecoder.Result {
        UserDataDecoder().decode(bytes, source: "lt.b64", kind: .file)
    }

    @Test(arguments: [
        ("base64 of MIME", Encoding.base64(mime)),
        ("base64 of gzip of MIME", Encoding.base64(Encoding.gzip(mime))),
        ("base64 wrapped at 76 with a final newline", Encoding.base64MIMELines(mime) + [0x0A]),
        ("base64 of Karpenter's base64 user data", Encoding.base64(Encoding.base64(mime))),
    ])
    func decodesLikeIMDSUserData(_ name: String, _ bytes: [UInt8]) {
        let result = Self.decodeFile(bytes)
        #expect(result.diagnostics == [], "\(name)")
        #expect(result.documents.count == 1, "\(name)")
    }

    @Test func truncatedBase64SaysSo() {
        let cut = Array(Encoding.base64(Self.mime).prefix(101))
        #expect(
            Self.decodeFile(cut).diagnostics.map(\.description) == [
                "lt.b64: looks like base64 (EC2 user data) but does not decode: 101 characters is not a whole number "
                    + "of 4-character groups (cut off when copied?)"
            ])
        var padded = Encoding.base64(Self.mime)
        padded.insert(contentsOf: Array("==".utf8), at: 40)
        #expect(
            Self.decodeFile(padded).diagnostics.first?.description.contains(
                "'=' padding in the middle, at character 41") == true)
    }

    @Test func userDataWithNothingForNodeprepIsAnErrorForAFile() {
        let script = Encoding.base64("#!/bin/bash\necho hello\n")
        let diagnostics = Self.decodeFile(script).diagnostics
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .error)
        #expect(
            diagnostics.first?.description.hasPrefix("lt.b64: holds base64 user data with nothing for nodeprep") == true
        )
    }

    @Test func plainDocumentsAreNotMistakenForBase64() {
        #expect(Self.decodeFile(Encoding.utf8(Self.mirror)).documents.count == 1)
        #expect(!Base64.looksEncoded(Encoding.utf8("apiVersion: nodeprep.dev/v1alpha1")))
        #expect(!Base64.looksEncoded(Encoding.utf8("shortword")))
        #expect(Base64.looksEncoded(Encoding.utf8("  QUJDREVGR0hJSktMTU5PUA==  \n")))
    }

    @Test func aBase64PartBodyThatDoesNotDecodeSaysSo() {
        let part = MIMEPart("application/node.eks.aws", "YXBpVmVyc2lvbjogbm9kZS5la3MuYXdzL3YxYWxwaGEx=x\n")
        let result = UserDataDecoder().decode(
            MIMEBuilder.message(boundary: "b", [part]), source: "user-data", kind: .userData)
        #expect(
            result.diagnostics.map(\.description) == [
                "user-data part 1 (application/node.eks.aws): looks like base64 but does not decode: '=' padding in the middle, at character 45"
            ])
    }
}
