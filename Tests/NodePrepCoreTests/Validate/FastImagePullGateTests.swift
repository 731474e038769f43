import Testing

@testable import NodePrepCore

/// nodeprep does not set up the SOCI snapshotter; a NodeConfig that turns `FastImagePull` on is told so.
@Suite struct FastImagePullGateTests {
    static let gateOn = Document.nodeConfig("featureGates:\n  FastImagePull: true\n")

    @Test func aGateTurnedOnIsAWarningAtTheDocumentThatSetIt() throws {
        let resolution = Pipeline.resolveFiles([Document.nodeConfig("cluster: {name: a}\n"), Self.gateOn])
        let warnings = resolution.diagnostics.filter { $0.severity == .warning }
        #expect(
            warnings.map(\.description) == [
                "20.yaml line 5:5: spec.featureGates.FastImagePull is on, but nodeprep does not act on it: "
                    + "containerd keeps its snapshotter (nodeadm would switch it to soci when soci-snapshotter is installed)"
            ])
        #expect(!resolution.diagnostics.containsErrors)
        #expect(try resolution.validConfig().nodeConfig?.featureGates["FastImagePull"] == true)
    }

    @Test(arguments: [
        [Document.nodeConfig("featureGates:\n  FastImagePull: false\n")],
        [gateOn, Document.nodeConfig("featureGates:\n  FastImagePull: false\n")],
        [Document.nodeConfig("featureGates:\n  InstanceIdNodeName: true\n")],
        [Document.mirrorConfig("targets: [\"http://10.0.0.1:30020\"]\n")],
    ])
    func noWarningWhenTheMergedGateIsOff(texts: [String]) {
        #expect(Pipeline.resolveFiles(texts).diagnostics.isEmpty)
    }
}
