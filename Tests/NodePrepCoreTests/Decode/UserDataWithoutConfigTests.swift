import Testing

@testable import NodePrepCore

/// User data that holds nothing for nodeprep is normal (the node may get its configuration from the
/// image, or the user data is for cloud-init): no document, no error, a note for the log. Files named
/// by the administrator are different: they must hold our documents.
@Suite struct UserDataWithoutConfigTests {
    private func expectNothing(
        _ result: UserDataDecoder.Result, skipped: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.documents.isEmpty, sourceLocation: sourceLocation)
        #expect(result.diagnostics.isEmpty, sourceLocation: sourceLocation)
        #expect(result.skipped == skipped, sourceLocation: sourceLocation)
    }

    @Test(arguments: ["", " ", "\n", " \t\r\n\n  "])
    func emptyOrWhitespace(text: String) {
        expectNothing(Pipeline.decodeUserData(text), skipped: ["user-data is empty"])
    }

    @Test(arguments: [
        "#!/bin/bash\nset -e\n/etc/eks/bootstrap.sh my-cluster\n",
        // A script that mentions the API group is still a script.
        "#!/bin/sh\ncat > /etc/nodeprep/config.d/10.yaml <<EOF\napiVersion: nodeprep.dev/v1alpha1\nEOF\n",
        "#cloud-config\npackages: [jq]\n",
        "plain words, not YAML: {[",
    ])
    func textThatIsNotOurs(text: String) {
        expectNothing(
            Pipeline.decodeUserData(text),
            skipped: ["user-data is not a NodeConfig or MirrorConfig document", "user-data has no part for nodeprep"])
    }

    @Test func base64OfAShellScript() {
        expectNothing(
            Pipeline.decodeUserData(Encoding.base64("#!/bin/bash\necho hi\n")),
            skipped: ["user-data is not a NodeConfig or MirrorConfig document", "user-data has no part for nodeprep"])
    }

    @Test func binaryUserData() {
        expectNothing(
            Pipeline.decodeUserData([0xFF, 0xFE, 0x00, 0x41]),
            skipped: ["user-data is not text", "user-data has no part for nodeprep"])
    }

    @Test func mimeWithoutANodeprepPart() {
        let message = MIMEBuilder.message(
            boundary: "//", [.shellScript, MIMEPart("text/cloud-config", "#cloud-config\n{}\n")])
        expectNothing(
            Pipeline.decodeUserData(Encoding.base64(message)),
            skipped: [
                "user-data part 1 (text/x-shellscript) is not for nodeprep",
                "user-data part 2 (text/cloud-config) is not for nodeprep", "user-data has no part for nodeprep",
            ])
    }

    @Test func mimeWithOnlyAnEmptyPart() {
        expectNothing(
            Pipeline.decodeUserData("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"B\"\n\n--B\n\n--B--"),
            skipped: ["user-data part 1 (text/plain) is not for nodeprep", "user-data has no part for nodeprep"])
    }

    @Test func anEmptyNodeConfigPartIsNotAnError() {
        let message = MIMEBuilder.message([MIMEPart("application/node.eks.aws", "\n# nothing yet\n")])
        expectNothing(Pipeline.decodeUserData(message), skipped: ["user-data has no part for nodeprep"])
    }

    @Test func anEmptyFileIsSkipped() {
        expectNothing(
            Pipeline.decodeFile("\n", name: "/etc/nodeprep/config.d/10.yaml"),
            skipped: ["/etc/nodeprep/config.d/10.yaml is empty"])
    }

    /// A file is read strictly: a script there is a mistake worth an error, not a silent skip.
    @Test func aFileMustHoldOurDocuments() {
        let result = Pipeline.decodeFile("#!/bin/bash\necho hi\n", name: "10.yaml")
        #expect(result.documents.isEmpty)
        // `#!/bin/bash` is a YAML comment; `echo hi` is the document.
        #expect(result.errors == ["10.yaml line 2:1: the document must be a mapping, found string \"echo hi\""])
    }
}
