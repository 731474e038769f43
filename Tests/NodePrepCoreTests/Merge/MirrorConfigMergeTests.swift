import Testing

@testable import NodePrepCore

/// MirrorConfig merging: a field a later document gives wins (lists replace, even when empty); a
/// field it leaves out is kept; defaults fill in what no document gave.
@Suite struct MirrorConfigMergeTests {
    private func mergedMirror(_ specs: String...) -> MirrorConfig? {
        Pipeline.resolveFiles(specs.map(Document.mirrorConfig)).config.mirrorConfig?.resolved
    }

    @Test func defaults() {
        #expect(
            mergedMirror("{}")
                == MirrorConfig(
                    registries: [], targets: [], resolveTags: true, prependExisting: false,
                    configPath: "/etc/containerd/certs.d"))
    }

    @Test func noMirrorConfigDocumentMeansNoMirror() {
        #expect(Pipeline.merge(Document.nodeConfig("cluster:\n  name: a\n")).mirrorConfig == nil)
    }

    @Test func givenFieldsWin() {
        let merged = mergedMirror(
            "registries: [https://docker.io]\ntargets: [http://a:5000]\nresolveTags: true\nprependExisting: false\nconfigPath: /one\n",
            "registries: [https://ghcr.io]\ntargets: [http://b:5000]\nresolveTags: false\nprependExisting: true\nconfigPath: /two\n"
        )
        #expect(
            merged
                == MirrorConfig(
                    registries: ["https://ghcr.io"], targets: ["http://b:5000"], resolveTags: false,
                    prependExisting: true,
                    configPath: "/two"))
    }

    /// An explicit `registries: []` means "every registry" again, so an empty list must replace.
    @Test func listsAreReplacedEvenByEmptyLists() {
        let merged = mergedMirror(
            "registries: [https://docker.io, https://quay.io]\ntargets: [http://a:5000]\n",
            "registries: []\ntargets: []\n")
        #expect(merged?.registries == [])
        #expect(merged?.targets == [])
    }

    @Test func omittedFieldsAreKept() {
        let merged = mergedMirror(
            "registries: [https://docker.io]\ntargets: [http://a:5000]\nresolveTags: false\nprependExisting: true\nconfigPath: /one\n",
            "targets: [\"http://${NODE_IP}:30020\"]\nresolveTags: null\n")
        #expect(
            merged
                == MirrorConfig(
                    registries: ["https://docker.io"], targets: ["http://${NODE_IP}:30020"], resolveTags: false,
                    prependExisting: true, configPath: "/one"))
    }

    @Test func falseAndEmptyValuesAreGivenValues() {
        let merged = mergedMirror(
            "resolveTags: true\nprependExisting: true\n", "resolveTags: false\nprependExisting: false\n")
        #expect(merged?.resolveTags == false)
        #expect(merged?.prependExisting == false)
    }

    @Test func mirrorAndNodeConfigsMergeSeparately() {
        let config = Pipeline.merge(
            Document.mirrorConfig("configPath: /one\ntargets: [http://a:5000]\n"),
            Document.nodeConfig("cluster:\n  name: a\n"),
            Document.mirrorConfig("resolveTags: false\n"))
        #expect(config.nodeConfig?.cluster.name == "a")
        #expect(config.mirrorConfig?.resolved.configPath == "/one")
        #expect(config.mirrorConfig?.resolved.resolveTags == false)
    }
}
