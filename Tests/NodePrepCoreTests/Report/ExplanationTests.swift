import Testing

@testable import NodePrepCore

/// `config dump --explain`: every leaf names the source, part and line of the document whose value
/// is in the result.
@Suite struct ExplanationTests {
    private static let part1 = "user-data part 1 (application/node.eks.aws)"
    private static let part2 = "user-data part 2 (application/node.eks.aws)"

    private func explain(_ parts: [MIMEPart]) -> [String] {
        let result = Pipeline.decodeUserData(MIMEBuilder.message(parts))
        #expect(result.diagnostics.isEmpty)
        return Explanation(result.merged).lines.map(\.description)
    }

    private static let first = MIMEPart(
        "application/node.eks.aws",
        """
        apiVersion: node.eks.aws/v1alpha1
        kind: NodeConfig
        spec:
          cluster:
            name: first
            cidr: 10.0.0.0/16
          containerd:
            baseRuntimeSpec:
              process:
                noNewPrivileges: true
                user: {uid: 0}
          kubelet:
            flags: [--v=2]
        """)

    private static let second = MIMEPart(
        "application/node.eks.aws",
        """
        apiVersion: node.eks.aws/v1alpha1
        kind: NodeConfig
        spec:
          cluster:
            name: second
          containerd:
            baseRuntimeSpec:
              process:
                user: {uid: 1000}
          kubelet:
            flags:
            - --v=5
        """)

    /// Part 2 overrides one nested key: only that leaf changes setter; flags name their own part each.
    @Test func eachLeafNamesThePartThatSetIt() {
        #expect(
            explain([Self.first, Self.second]) == [
                "NodeConfig spec.cluster.cidr = \"10.0.0.0/16\"  # \(Self.part1) line 6:5",
                "NodeConfig spec.cluster.name = \"second\"  # \(Self.part2) line 5:5",
                "NodeConfig spec.containerd.baseRuntimeSpec.process.noNewPrivileges = true  # \(Self.part1) line 10:9",
                "NodeConfig spec.containerd.baseRuntimeSpec.process.user.uid = 1000  # \(Self.part2) line 9:16",
                "NodeConfig spec.kubelet.flags[0] = \"--v=2\"  # \(Self.part1) line 13:13",
                "NodeConfig spec.kubelet.flags[1] = \"--v=5\"  # \(Self.part2) line 12:7",
            ])
    }

    @Test func aLaterValueReplacingAMappingForgetsItsLeaves() {
        let config = Pipeline.merge(
            Document.nodeConfig(
                "kubelet:\n  config:\n    evictionHard: {memory.available: 5%}\n    clusterDNS: [10.0.0.10]\n"),
            Document.nodeConfig("kubelet:\n  config:\n    evictionHard: none\n    clusterDNS: [10.0.0.53, 10.0.0.54]\n")
        )
        #expect(
            Explanation(config).lines.map(\.description) == [
                "NodeConfig spec.kubelet.config.clusterDNS = [\"10.0.0.53\", \"10.0.0.54\"]  # 20.yaml line 7:7",
                "NodeConfig spec.kubelet.config.evictionHard = \"none\"  # 20.yaml line 6:7",
            ])
        #expect(
            config.nodeConfigProvenance.paths == ["spec.kubelet.config.clusterDNS", "spec.kubelet.config.evictionHard"])
    }

    /// Values inside inline TOML have no YAML line of their own: they point at their `config:` key.
    @Test func containerdTOMLLeavesNameTheirDocument() {
        let config = Pipeline.merge(
            Document.nodeConfig("containerd:\n  config: |\n    version = 2\n    [grpc]\n    address = \"/a.sock\"\n"),
            Document.nodeConfig("cluster:\n  name: x\ncontainerd:\n  config: |\n    [grpc]\n    gid = 7\n"))
        #expect(
            Explanation(config).lines.map(\.description) == [
                "NodeConfig spec.cluster.name = \"x\"  # 20.yaml line 5:5",
                "NodeConfig spec.containerd.config.grpc.address = \"/a.sock\"  # 10.yaml line 5:5",
                "NodeConfig spec.containerd.config.grpc.gid = 7  # 20.yaml line 7:5",
                "NodeConfig spec.containerd.config.version = 2  # 10.yaml line 5:5",
            ])
    }

    @Test func keysThatAreNotPlainWordsAreQuoted() {
        let config = Pipeline.merge(
            Document.nodeConfig("kubelet:\n  config:\n    featureGates: {\"Foo.Bar\": true}\n"),
            Document.nodeConfig(
                "containerd:\n  config: |\n    [plugins.\"io.containerd.grpc.v1.cri\".registry]\n    config_path = \"/x\"\n"
            ))
        #expect(
            Explanation(config).lines.map(\.description) == [
                "NodeConfig spec.containerd.config.plugins.\"io.containerd.grpc.v1.cri\".registry.config_path = \"/x\"  # 20.yaml line 5:5",
                "NodeConfig spec.kubelet.config.featureGates.\"Foo.Bar\" = true  # 10.yaml line 6:22",
            ])
    }

    @Test func mapsKeyByKey() {
        let config = Pipeline.merge(
            Document.nodeConfig(
                "featureGates:\n  FastImagePull: true\ninstance:\n  environment:\n    default: {A: \"1\", B: \"2\"}\n"),
            Document.nodeConfig("instance:\n  environment:\n    default: {B: \"3\"}\n"))
        #expect(
            Explanation(config).lines.map(\.description) == [
                "NodeConfig spec.featureGates.FastImagePull = true  # 10.yaml line 5:5",
                "NodeConfig spec.instance.environment.default.A = \"1\"  # 10.yaml line 8:17",
                "NodeConfig spec.instance.environment.default.B = \"3\"  # 20.yaml line 6:17",
            ])
    }

    @Test func mirrorConfigDefaultsAreMarked() {
        let config = Pipeline.merge(Document.mirrorConfig("targets: [\"http://${NODE_IP}:30020\"]\n"))
        #expect(
            Explanation(config).lines.map(\.description) == [
                "MirrorConfig spec.configPath = \"/etc/containerd/certs.d\"  # default",
                "MirrorConfig spec.prependExisting = false  # default",
                "MirrorConfig spec.registries = []  # default",
                "MirrorConfig spec.resolveTags = true  # default",
                "MirrorConfig spec.targets = [\"http://${NODE_IP}:30020\"]  # 10.yaml line 4:3",
            ])
    }

    @Test func multiLineValuesStayOnOneLine() {
        let config = Pipeline.merge(Document.nodeConfig("kubelet:\n  maxPodsExpression: \"a\\nb\"\n"))
        #expect(
            Explanation(config).lines.map(\.description) == [
                "NodeConfig spec.kubelet.maxPodsExpression = \"a\\nb\"  # 10.yaml line 5:5"
            ])
    }
}
