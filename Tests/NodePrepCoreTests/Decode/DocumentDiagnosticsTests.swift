import Testing

@testable import NodePrepCore

/// Problems inside one YAML document, each with its exact text: the source, `line L:C` (1-based,
/// counted within the part or file) and the full field path.
@Suite struct DocumentDiagnosticsTests {
    private static let header = "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\n"

    private func errors(_ text: String) -> [String] {
        Pipeline.decodeFile(text, name: "n.yaml").errors
    }

    @Test(arguments: [
        (header + "spec: {}\nstatus: {}\n", "n.yaml line 4:1: unknown field status"),
        (header + "metadata:\n  name: worker\n  label: x\nspec: {}\n", "n.yaml line 5:3: unknown field metadata.label"),
        (Document.nodeConfig("kubelet:\n  flag: [--v=2]\n"), "n.yaml line 5:5: unknown field spec.kubelet.flag"),
        (
            Document.nodeConfig("instance:\n  localStorage:\n    raid: RAID0\n"),
            "n.yaml line 6:7: unknown field spec.instance.localStorage.raid"
        ),
        (Document.mirrorConfig("registry: [https://docker.io]\n"), "n.yaml line 4:3: unknown field spec.registry"),
        // The YAML parser refuses duplicates itself, at the first occurrence.
        (
            Document.nodeConfig("cluster:\n  name: a\n  name: b\n"),
            "n.yaml line 5:5: invalid YAML: key \"name\" appears more than once in a mapping"
        ),
        (
            Document.nodeConfig("cluster:\n  ? [a]\n  : b\n"),
            "n.yaml line 5:7: spec.cluster has a key that is not a string"
        ),
    ])
    func unknownAndDuplicateFields(text: String, expected: String) {
        #expect(errors(text) == [expected])
    }

    @Test(arguments: [
        ("cluster:\n  name: [prod]\n", "line 5:11: spec.cluster.name must be a string, found a list"),
        ("cluster:\n  name: {a: 1}\n", "line 5:11: spec.cluster.name must be a string, found a mapping"),
        ("cluster:\n  name: true\n", "line 5:11: spec.cluster.name must be a string, found boolean true"),
        ("cluster:\n  name: 42\n", "line 5:11: spec.cluster.name must be a string, found integer 42"),
        ("cluster:\n  name: 1.5\n", "line 5:11: spec.cluster.name must be a string, found number 1.5"),
        (
            "cluster:\n  enableOutpost: \"true\"\n",
            "line 5:20: spec.cluster.enableOutpost must be true or false, found string \"true\""
        ),
        (
            "cluster:\n  enableOutpost: 1\n",
            "line 5:20: spec.cluster.enableOutpost must be true or false, found integer 1"
        ),
        (
            "featureGates:\n  FastImagePull: enabled\n",
            "line 5:20: spec.featureGates.FastImagePull must be true or false, found string \"enabled\""
        ),
        (
            "instance:\n  network:\n    nameservers: 10.0.0.2\n",
            "line 6:20: spec.instance.network.nameservers must be a list of strings, found string \"10.0.0.2\""
        ),
        ("kubelet:\n  flags: [--v=2, 3]\n", "line 5:20: spec.kubelet.flags[1] must be a string, found integer 3"),
        ("cluster: prod\n", "line 4:12: spec.cluster must be a mapping, found string \"prod\""),
        ("kubelet:\n  config: [maxPods]\n", "line 5:13: spec.kubelet.config must be a mapping, found a list"),
        (
            "containerd:\n  baseRuntimeSpec: linux\n",
            "line 5:22: spec.containerd.baseRuntimeSpec must be a mapping, found string \"linux\""
        ),
        (
            "containerd:\n  config:\n    version: 2\n",
            "line 6:7: spec.containerd.config must be a string, found a mapping"
        ),
        ("featureGates: [FastImagePull]\n", "line 4:17: spec.featureGates must be a mapping, found a list"),
        (
            "instance:\n  environment:\n    default: HTTP_PROXY=x\n",
            "line 6:16: spec.instance.environment.default must be a mapping, found string \"HTTP_PROXY=x\""
        ),
        (
            "instance:\n  environment:\n    kubelet:\n      GOGC: 50\n",
            "line 7:15: spec.instance.environment.kubelet.GOGC must be a string, found integer 50"
        ),
    ])
    func wrongTypes(spec: String, expected: String) {
        #expect(errors(Document.nodeConfig(spec)) == ["n.yaml " + expected])
    }

    @Test(arguments: [
        ("resolveTags: \"no\"\n", "line 4:16: spec.resolveTags must be true or false, found string \"no\""),
        ("registries: docker.io\n", "line 4:15: spec.registries must be a list of strings, found string \"docker.io\""),
        ("targets: [{url: x}]\n", "line 4:13: spec.targets[0] must be a string, found a mapping"),
        ("configPath: [a]\n", "line 4:15: spec.configPath must be a string, found a list"),
    ])
    func wrongTypesInMirrorConfig(spec: String, expected: String) {
        #expect(errors(Document.mirrorConfig(spec)) == ["n.yaml " + expected])
    }

    @Test(arguments: [
        (header + "spec: [a]\n", "n.yaml line 3:7: spec must be a mapping, found a list"),
        ("- apiVersion: node.eks.aws/v1alpha1\n", "n.yaml line 1:1: the document must be a mapping, found a list"),
    ])
    func wrongShapes(text: String, expected: String) {
        #expect(errors(text) == [expected])
    }

    private static let expectedKinds = "expected node.eks.aws/v1alpha1 NodeConfig or nodeprep.dev/v1alpha1 MirrorConfig"

    @Test(arguments: [
        (
            "apiVersion: node.eks.aws/v1beta1\nkind: NodeConfig\nspec: {}\n",
            "n.yaml line 2:7: unsupported apiVersion/kind node.eks.aws/v1beta1/NodeConfig: " + expectedKinds
        ),
        (
            "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfiguration\n",
            "n.yaml line 2:7: unsupported apiVersion/kind node.eks.aws/v1alpha1/NodeConfiguration: " + expectedKinds
        ),
        (
            "apiVersion: node.eks.aws/v1alpha1\nkind: MirrorConfig\n",
            "n.yaml line 2:7: unsupported apiVersion/kind node.eks.aws/v1alpha1/MirrorConfig: " + expectedKinds
        ),
        ("kind: NodeConfig\nspec: {}\n", "n.yaml line 1:1: apiVersion is missing"),
        ("apiVersion: node.eks.aws/v1alpha1\nspec: {}\n", "n.yaml line 1:1: kind is missing"),
        ("apiVersion:\nkind: NodeConfig\n", "n.yaml line 1:1: apiVersion is missing"),
        ("apiVersion: 1\nkind: NodeConfig\n", "n.yaml line 1:13: apiVersion must be a string, found integer 1"),
        (
            "apiVersion: node.eks.aws/v1alpha1\nkind: [NodeConfig]\n",
            "n.yaml line 2:7: kind must be a string, found a list"
        ),
    ])
    func apiVersionAndKind(text: String, expected: String) {
        #expect(errors(text) == [expected])
    }

    @Test func documentsWithoutSpecAreEmpty() {
        let result = Pipeline.decodeFile(
            Self.header + "---\napiVersion: nodeprep.dev/v1alpha1\nkind: MirrorConfig\nmetadata: {name: m}\n",
            name: "n.yaml")
        #expect(result.errors.isEmpty)
        #expect(result.nodeConfigs == [NodeConfigSpec()])
        #expect(result.mirrorConfigs == [MirrorConfigSpec()])
    }

    @Test func bothMissingAreBothReported() {
        #expect(errors("spec: {}\n") == ["n.yaml line 1:1: apiVersion is missing", "n.yaml line 1:1: kind is missing"])
    }

    @Test func invalidTOMLInContainerdConfig() {
        let text = Document.nodeConfig(
            """
            containerd:
              config: |
                [plugins."io.containerd.grpc.v1.cri"]
                sandbox_image = registry/pause
            """)
        #expect(
            errors(text) == [
                "n.yaml line 5:13: spec.containerd.config is not valid TOML (its line 2:17): expected a value"
            ])
    }

    @Test(arguments: [
        (
            header + "spec:\n  cluster: {name: prod\n  kubelet: {}\n",
            "n.yaml line 5:10: invalid YAML: did not find expected ',' or '}'"
        ),
        (
            header + "spec:\n\tcluster: {}\n",
            "n.yaml line 4:1: invalid YAML: found character that cannot start any token"
        ),
        (
            header + "spec:\n  cluster:\n    name: \"prod\n",
            "n.yaml line 6:1: invalid YAML: found unexpected end of stream"
        ),
        (header + "spec: *undefined\n", "n.yaml line 3:7: invalid YAML: found undefined alias"),
    ])
    func invalidYAMLSyntax(text: String, expected: String) {
        #expect(errors(text) == [expected])
    }

    /// Plain scalars that look like dates are strings to nodeadm (go-yaml v2 keeps them as text when
    /// decoding untyped), and an EKS cluster may be named `2024-01-01`.
    @Test func dateLikeScalarsAreStrings() {
        let result = Pipeline.decodeFile(
            Document.nodeConfig("cluster:\n  name: 2024-01-01\n  id: 2001-12-14t21:59:43.10-05:00\n"), name: "n.yaml")
        #expect(result.errors.isEmpty)
        #expect(result.nodeConfigs.first?.cluster.name == "2024-01-01")
        #expect(result.nodeConfigs.first?.cluster.id == "2001-12-14t21:59:43.10-05:00")
    }

    @Test func invalidCertificateAuthority() {
        #expect(
            errors(Document.nodeConfig("cluster:\n  certificateAuthority: not base64!\n")) == [
                "n.yaml line 5:27: spec.cluster.certificateAuthority is not valid base64"
            ])
    }

    @Test(arguments: [
        (
            "instance:\n  localStorage:\n    strategy: raid0\n",
            "line 6:17: spec.instance.localStorage.strategy must be one of Mount, RAID0, RAID10, found \"raid0\""
        ),
        (
            "instance:\n  localStorage:\n    disabledMounts: [Containerd, Logs]\n",
            "line 6:36: spec.instance.localStorage.disabledMounts[1] must be one of Containerd, PodLogs, SOCI, found \"Logs\""
        ),
    ])
    func badEnumValues(spec: String, expected: String) {
        #expect(errors(Document.nodeConfig(spec)) == ["n.yaml " + expected])
    }

    @Test func unknownFeatureGateIsAWarningAndKept() {
        let result = Pipeline.decodeFile(
            Document.nodeConfig("featureGates:\n  FastImagePull: true\n  Turbo: true\n"), name: "n.yaml")
        #expect(result.errors.isEmpty)
        #expect(
            result.warnings == [
                "n.yaml line 6:5: unknown feature gate spec.featureGates.Turbo has no effect (known: FastImagePull, InstanceIdNodeName)"
            ])
        #expect(result.nodeConfigs.first?.featureGates == ["FastImagePull": true, "Turbo": true])
    }

    /// Every problem in a document is reported, in one run.
    @Test func everyProblemInADocumentIsReported() {
        let text = Document.nodeConfig(
            """
            cluster:
              name: 42
              cidr: [10.0.0.0/16]
            kubelet:
              flagz: []
            containerd:
              config: "version = = 2"
            """)
        #expect(
            errors(text) == [
                "n.yaml line 5:11: spec.cluster.name must be a string, found integer 42",
                "n.yaml line 6:11: spec.cluster.cidr must be a string, found a list",
                "n.yaml line 10:13: spec.containerd.config is not valid TOML (its line 1:11): expected a value",
                "n.yaml line 8:5: unknown field spec.kubelet.flagz",
            ])
    }
}
