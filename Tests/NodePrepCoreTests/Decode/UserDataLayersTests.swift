import Testing

@testable import NodePrepCore

/// The layers nodeadm peels off user data: whole-payload base64 and gzip, MIME multipart (nested
/// too), per-part transfer encodings, and per-part base64 and gzip again.
@Suite struct UserDataLayersTests {
    static let named = Document.nodeConfig("cluster:\n  name: layered\n")

    private func expectOneCluster(
        _ result: UserDataDecoder.Result, named name: String = "layered", from origin: String = "user-data",
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.diagnostics.isEmpty, sourceLocation: sourceLocation)
        #expect(result.nodeConfigs.map(\.cluster.name) == [name], sourceLocation: sourceLocation)
        #expect(result.origins == [origin], sourceLocation: sourceLocation)
    }

    @Test func bareNodeConfigYAML() {
        expectOneCluster(Pipeline.decodeUserData(Self.named))
    }

    @Test func wholePayloadBase64() {
        expectOneCluster(Pipeline.decodeUserData(Encoding.base64(Self.named)))
    }

    @Test func wholePayloadGzip() {
        expectOneCluster(Pipeline.decodeUserData(Encoding.gzip(Self.named)))
    }

    @Test func wholePayloadBase64OfGzip() {
        expectOneCluster(Pipeline.decodeUserData(Encoding.base64(Encoding.gzip(Self.named))))
    }

    private static let mime = MIMEBuilder.message([.shellScript, MIMEPart("application/node.eks.aws", named)])
    private static let secondPart = "user-data part 2 (application/node.eks.aws)"

    @Test func mimeAsIs() {
        expectOneCluster(Pipeline.decodeUserData(Self.mime), from: Self.secondPart)
    }

    @Test func base64OfMIME() {
        expectOneCluster(Pipeline.decodeUserData(Encoding.base64(Self.mime)), from: Self.secondPart)
    }

    @Test func gzipOfMIME() {
        expectOneCluster(Pipeline.decodeUserData(Encoding.gzip(Self.mime)), from: Self.secondPart)
    }

    @Test func base64OfGzipOfMIME() {
        expectOneCluster(Pipeline.decodeUserData(Encoding.base64(Encoding.gzip(Self.mime))), from: Self.secondPart)
    }

    /// Part bodies are unwrapped whatever the headers say, as nodeadm does.
    @Test(arguments: [
        ("raw gzip bytes", Encoding.gzip(named)),
        ("base64 without a header", Encoding.base64(named)),
        ("base64 of gzip without a header", Encoding.base64(Encoding.gzip(named))),
    ])
    func partBodyLayers(label: String, body: [UInt8]) {
        let message = MIMEBuilder.message([MIMEPart("application/node.eks.aws", bytes: body)])
        expectOneCluster(Pipeline.decodeUserData(message), from: "user-data part 1 (application/node.eks.aws)")
    }

    @Test(arguments: ["base64", "BASE64", " Base64 "])
    func base64TransferEncoding(name: String) {
        let part = MIMEPart(
            "application/node.eks.aws", bytes: Encoding.base64MIMELines(Encoding.utf8(Self.named + "# padding\n")),
            headers: ["Content-Transfer-Encoding: \(name)"])
        expectOneCluster(
            Pipeline.decodeUserData(MIMEBuilder.message([part])), from: "user-data part 1 (application/node.eks.aws)")
    }

    @Test func gzipInsideABase64TransferEncoding() {
        let part = MIMEPart(
            "application/node.eks.aws", bytes: Encoding.base64MIMELines(Encoding.gzip(Self.named)),
            headers: ["Content-Transfer-Encoding: base64"])
        expectOneCluster(
            Pipeline.decodeUserData(MIMEBuilder.message([part])), from: "user-data part 1 (application/node.eks.aws)")
    }

    @Test func quotedPrintableTransferEncoding() {
        let encoded = """
            apiVersion: node.eks.aws/v1alpha1
            kind: NodeConfig
            spec:
              cluster:
                name: layered
              kubelet:
                flags: ["--node-labels=team=3Dcaf=C3=A9,tier=3D=
            gold"]
            """
        let part = MIMEPart(
            "application/node.eks.aws", encoded, headers: ["Content-Transfer-Encoding: quoted-printable"])
        let result = Pipeline.decodeUserData(MIMEBuilder.message([part]))
        expectOneCluster(result, from: "user-data part 1 (application/node.eks.aws)")
        #expect(result.nodeConfigs.first?.kubelet.flags == ["--node-labels=team=café,tier=gold"])
    }

    @Test func nestedMultipartIsNumberedByPosition() {
        let inner = MIMEBuilder.nested(
            boundary: "inner", subtype: "alternative",
            [MIMEPart("text/plain", "readme"), MIMEPart("application/node.eks.aws", Self.named)])
        let message = MIMEBuilder.message(
            boundary: "outer", [.shellScript, .nodeConfig("cluster:\n  cidr: 10.0.0.0/16\n"), inner])
        let result = Pipeline.decodeUserData(message)
        #expect(result.diagnostics.isEmpty)
        #expect(
            result.origins == [
                "user-data part 2 (application/node.eks.aws)", "user-data part 3.2 (application/node.eks.aws)",
            ])
        #expect(result.merged.nodeConfig?.cluster.name == "layered")
        #expect(result.merged.nodeConfig?.cluster.cidr == "10.0.0.0/16")
    }

    @Test func partsAreReadInDocumentOrderByType() {
        let message = MIMEBuilder.message([
            .nodeConfig("cluster:\n  name: first\n"),
            .mirrorConfig("configPath: /etc/mirror\n"),
            MIMEPart("text/cloud-config", "#cloud-config\nruncmd: [echo]\n"),
            .nodeConfig("cluster:\n  name: second\n"),
        ])
        let result = Pipeline.decodeUserData(message)
        #expect(result.diagnostics.isEmpty)
        #expect(
            result.origins == [
                "user-data part 1 (application/node.eks.aws)", "user-data part 2 (application/vnd.nodeprep+yaml)",
                "user-data part 4 (application/node.eks.aws)",
            ])
        #expect(result.nodeConfigs.map(\.cluster.name) == ["first", "second"])
        #expect(result.mirrorConfigs.map(\.configPath) == ["/etc/mirror"])
        #expect(result.skipped == ["user-data part 3 (text/cloud-config) is not for nodeprep"])
    }

    @Test func mediaTypesAreCaseInsensitive() {
        let message = MIMEBuilder.message([MIMEPart("Application/Node.EKS.AWS; charset=utf-8", Self.named)])
        expectOneCluster(Pipeline.decodeUserData(message), from: "user-data part 1 (application/node.eks.aws)")
    }

    @Test func aPartWithoutContentTypeIsPlainTextAndSkipped() {
        let message = Encoding.utf8("Content-Type: multipart/mixed; boundary=B\n\n--B\n\n\(Self.named)\n--B--\n")
        let result = Pipeline.decodeUserData(message)
        #expect(result.diagnostics.isEmpty && result.documents.isEmpty)
        #expect(
            result.skipped == [
                "user-data part 1 (text/plain) is not for nodeprep", "user-data has no part for nodeprep",
            ])
    }

    @Test func multiDocumentYAMLInOnePart() {
        let part = MIMEPart(
            "application/node.eks.aws",
            "---\n" + Document.nodeConfig("cluster:\n  name: a\n") + "---\n# only a comment\n---\n"
                + Document.nodeConfig("cluster:\n  name: b\n") + "...\n")
        let result = Pipeline.decodeUserData(MIMEBuilder.message([part]))
        #expect(result.diagnostics.isEmpty)
        #expect(result.nodeConfigs.map(\.cluster.name) == ["a", "b"])
        #expect(
            result.origins == [
                "user-data part 1 (application/node.eks.aws) document 1",
                "user-data part 1 (application/node.eks.aws) document 2",
            ])
    }

    @Test func jsonNodeConfig() {
        let json = """
            {"apiVersion": "node.eks.aws/v1alpha1", "kind": "NodeConfig",
             "spec": {"cluster": {"name": "layered"}, "kubelet": {"config": {"maxPods": 58, "cpuCFSQuota": false}}}}
            """
        let result = Pipeline.decodeUserData(MIMEBuilder.message([MIMEPart("application/node.eks.aws", json)]))
        expectOneCluster(result, from: "user-data part 1 (application/node.eks.aws)")
        #expect(
            result.nodeConfigs.first?.kubelet.config == .object(["maxPods": .integer(58), "cpuCFSQuota": .bool(false)]))
    }

    /// Files saved by Windows editors may start with a UTF-8 byte-order mark and use CRLF.
    @Test func byteOrderMarkAndCRLF() {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let crlf = Self.named.split(separator: "\n").joined(separator: "\r\n") + "\r\n"
        let file = UserDataDecoder().decode(bom + Encoding.utf8(crlf), source: "10.yaml", kind: .file)
        expectOneCluster(file, from: "10.yaml")
        let part = MIMEPart("application/node.eks.aws", bytes: bom + Encoding.utf8(Document.nodeConfig("clustr: {}\n")))
        #expect(
            Pipeline.decodeUserData(MIMEBuilder.message([part])).errors == [
                "user-data part 1 (application/node.eks.aws) line 4:3: unknown field spec.clustr"
            ])
    }

    @Test func mirrorConfigPart() {
        let result = Pipeline.decodeUserData(
            MIMEBuilder.message([
                .mirrorConfig("registries: [https://docker.io]\ntargets: [\"http://${NODE_IP}:30020\"]\n")
            ]))
        #expect(result.diagnostics.isEmpty)
        #expect(result.mirrorConfigs.map(\.registries) == [["https://docker.io"]])
        #expect(result.mirrorConfigs.map(\.targets) == [["http://${NODE_IP}:30020"]])
    }
}
