import Testing

@testable import NodePrepCore

/// Sources are decoded and merged in the order given: the image's folder first, then user data.
@Suite struct ConfigResolutionTests {
    @Test func laterSourcesWin() {
        let resolution = ConfigResolution(inputs: [
            SourceInput(
                name: "/etc/nodeprep/config.d/10-image.yaml",
                bytes: Encoding.utf8(Document.nodeConfig("cluster:\n  name: image\n  cidr: 10.0.0.0/16\n")), kind: .file
            ),
            SourceInput(
                name: "/etc/nodeprep/config.d/20-image.json",
                bytes: Encoding.utf8(
                    #"{"apiVersion": "node.eks.aws/v1alpha1", "kind": "NodeConfig", "spec": {"cluster": {"id": "json"}}}"#
                ),
                kind: .file),
            SourceInput(
                name: "user-data",
                bytes: Encoding.base64(MIMEBuilder.message([.nodeConfig("cluster:\n  name: user\n")])),
                kind: .userData),
        ])
        #expect(resolution.errors.isEmpty)
        #expect(resolution.config.nodeConfig?.cluster.name == "user")
        #expect(resolution.config.nodeConfig?.cluster.cidr == "10.0.0.0/16")
        #expect(resolution.config.nodeConfig?.cluster.id == "json")
    }

    @Test func sourcesWithNothingForNodeprepAreSkipped() {
        let resolution = ConfigResolution(inputs: [
            SourceInput(
                name: "/etc/nodeprep/config.d/10.yaml",
                bytes: Encoding.utf8(Document.nodeConfig("cluster:\n  name: a\n")), kind: .file),
            SourceInput(name: "user-data", bytes: Encoding.utf8("#!/bin/bash\necho\n"), kind: .userData),
        ])
        #expect(resolution.diagnostics.isEmpty)
        #expect(
            resolution.skipped == [
                "user-data is not a NodeConfig or MirrorConfig document", "user-data has no part for nodeprep",
            ])
        #expect(resolution.config.nodeConfig?.cluster.name == "a")
    }

    @Test func noSourcesResolveToNothing() throws {
        let config = try ConfigResolution(inputs: []).validConfig()
        #expect(config.nodeConfig == nil && config.mirrorConfig == nil)
        #expect(config.documentValues.isEmpty)
    }

    /// The size limit applies to each decoded payload; a decoder with a smaller one refuses sooner.
    @Test func sizeLimitIsConfigurable() {
        let text = Document.nodeConfig("cluster:\n  name: a\n")
        let result = UserDataDecoder(sizeLimit: 16).decode(Encoding.utf8(text), source: "user-data", kind: .userData)
        #expect(result.errors == ["user-data: \(text.utf8.count) bytes is more than the limit of 16"])
    }
}
