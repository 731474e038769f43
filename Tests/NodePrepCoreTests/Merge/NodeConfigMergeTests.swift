import Testing

@testable import NodePrepCore

/// A plain string field of NodeConfig: how to write it in a spec and how to read it back.
struct StringField: Sendable, CustomTestStringConvertible {
    var name: String
    var spec: @Sendable (String) -> String
    var read: @Sendable (NodeConfigSpec) -> String?
    /// Two values the field accepts.
    var first: String
    var second: String

    var testDescription: String { name }

    static let all: [StringField] = [
        StringField(
            name: "cluster.name", spec: { "cluster:\n  name: \($0)\n" }, read: \.cluster.name, first: "one",
            second: "two"),
        StringField(
            name: "cluster.apiServerEndpoint", spec: { "cluster:\n  apiServerEndpoint: \($0)\n" },
            read: \.cluster.apiServerEndpoint, first: "https://one.example", second: "https://two.example"),
        StringField(
            name: "cluster.certificateAuthority", spec: { "cluster:\n  certificateAuthority: \($0)\n" },
            read: \.cluster.certificateAuthority, first: "b25l", second: "dHdv"),
        StringField(
            name: "cluster.cidr", spec: { "cluster:\n  cidr: \($0)\n" }, read: \.cluster.cidr, first: "10.1.0.0/16",
            second: "10.2.0.0/16"),
        StringField(
            name: "cluster.id", spec: { "cluster:\n  id: \($0)\n" }, read: \.cluster.id, first: "id-1", second: "id-2"),
        StringField(
            name: "instance.localStorage.strategy", spec: { "instance:\n  localStorage:\n    strategy: \($0)\n" },
            read: \.instance.localStorage.strategy, first: "RAID0", second: "Mount"),
        StringField(
            name: "instance.localStorage.mountPath", spec: { "instance:\n  localStorage:\n    mountPath: \($0)\n" },
            read: \.instance.localStorage.mountPath, first: "/mnt/one", second: "/mnt/two"),
        StringField(
            name: "kubelet.maxPodsExpression", spec: { "kubelet:\n  maxPodsExpression: \($0)\n" },
            read: \.kubelet.maxPodsExpression, first: "max_pods", second: "max_pods + 2"),
    ]
}

/// nodeadm's merge rules (after its PR #2003), one rule per test, each with values that make the
/// test fail if the rule were different.
@Suite struct NodeConfigMergeTests {
    @Test(arguments: StringField.all)
    func aNonEmptyLaterStringWins(field: StringField) {
        let merged = Pipeline.mergeNodeConfigs(field.spec(field.first), field.spec("\"\(field.second)\""))
        #expect(field.read(merged) == field.second)
    }

    @Test(arguments: StringField.all)
    func anEmptyLaterStringNeverClears(field: StringField) {
        #expect(field.read(Pipeline.mergeNodeConfigs(field.spec(field.first), field.spec("\"\""))) == field.first)
        #expect(field.read(Pipeline.mergeNodeConfigs(field.spec(field.first), field.spec("null"))) == field.first)
        #expect(field.read(Pipeline.mergeNodeConfigs(field.spec(field.first), "{}")) == field.first)
    }

    @Test func laterDocumentsWinInOrder() {
        let merged = Pipeline.mergeNodeConfigs(
            "cluster:\n  name: a\n", "cluster:\n  name: b\n", "cluster:\n  name: c\n")
        #expect(merged.cluster.name == "c")
    }

    private func mergedTOML(_ first: String, _ second: String) throws -> TOMLValue {
        let merged = Pipeline.mergeNodeConfigs(
            "containerd:\n  config: |\n" + first.indentedBlock, "containerd:\n  config: |\n" + second.indentedBlock)
        let config = try #require(merged.containerd.config)
        // The merged text is what `config dump` prints; it must say what the shared table holds.
        #expect(try TOMLParser.parse(config.text) == config.table)
        return config.table
    }

    @Test func containerdConfigTablesMergeDeep() throws {
        let merged = try mergedTOML(
            """
            version = 2
            [grpc]
            address = "/run/containerd/containerd.sock"
            [plugins."io.containerd.grpc.v1.cri".containerd]
            default_runtime_name = "runc"
            discard_unpacked_layers = true
            """,
            """
            [plugins."io.containerd.grpc.v1.cri".containerd]
            discard_unpacked_layers = false
            [plugins."io.containerd.grpc.v1.cri".registry]
            config_path = "/etc/containerd/certs.d"
            """)
        let cri: TOMLValue = .table([
            "containerd": .table(["default_runtime_name": .string("runc"), "discard_unpacked_layers": .bool(false)]),
            "registry": .table(["config_path": .string("/etc/containerd/certs.d")]),
        ])
        #expect(
            merged
                == .table([
                    "version": .integer(2),
                    "grpc": .table(["address": .string("/run/containerd/containerd.sock")]),
                    "plugins": .table(["io.containerd.grpc.v1.cri": cri]),
                ]))
    }

    @Test func containerdConfigLaterScalarsAndArraysWin() throws {
        let merged = try mergedTOML(
            "imports = [\"/etc/a.toml\", \"/etc/b.toml\"]\noom_score = -999\n[debug]\nlevel = \"info\"\n",
            "imports = [\"/etc/c.toml\"]\noom_score = 0\n[debug]\nlevel = \"debug\"\n")
        #expect(
            merged
                == .table([
                    "imports": .array([.string("/etc/c.toml")]), "oom_score": .integer(0),
                    "debug": .table(["level": .string("debug")]),
                ]))
    }

    /// The TOML is parsed once, when its document is read: a later document's bad TOML is that
    /// document's error, and the resolution is unusable rather than merged without it.
    @Test func invalidContainerdConfigInALaterDocumentIsReported() {
        let resolution = Pipeline.resolveFiles([
            Document.nodeConfig("containerd:\n  config: |\n    version = 2\n"),
            Document.nodeConfig("containerd:\n  config: |\n    [grpc\n"),
        ])
        #expect(resolution.errors.count == 1)
        let expected = "20.yaml line 5:13: spec.containerd.config is not valid TOML"
        #expect(resolution.errors.first?.hasPrefix(expected) == true)
        #expect(throws: NodePrepError.self) { try resolution.validConfig() }
    }

    /// Only merged TOML is rendered again; a config that no other document touches keeps its text.
    @Test func aSingleContainerdConfigKeepsItsText() {
        let text = "# kept as written\nversion = 2\n\n[grpc]\n  address = '/run/x.sock'\n"
        let merged = Pipeline.mergeNodeConfigs(
            "cluster:\n  name: a\n", "containerd:\n  config: |\n" + text.indentedBlock, "containerd:\n  config: \"\"\n")
        #expect(merged.containerd.config?.text == text)
    }

    @Test(arguments: ["containerd:\n  baseRuntimeSpec:\n", "kubelet:\n  config:\n"])
    func inlineDocumentsMergeDeep(prefix: String) {
        let merged = Pipeline.mergeNodeConfigs(
            prefix + "    a:\n      b: 1\n      c: {d: x}\n    keep: true\n",
            prefix + "    a:\n      c: {e: y}\n      f: 2\n")
        #expect(
            Self.inline(prefix, merged)
                == .object([
                    "a": .object([
                        "b": .integer(1), "c": .object(["d": .string("x"), "e": .string("y")]), "f": .integer(2),
                    ]),
                    "keep": .bool(true),
                ]))
    }

    @Test(arguments: ["containerd:\n  baseRuntimeSpec:\n", "kubelet:\n  config:\n"])
    func inlineArraysAreReplacedWholeEvenByEmpty(prefix: String) {
        let merged = Pipeline.mergeNodeConfigs(
            prefix + "    list: [a, b, c]\n    other: [x]\n", prefix + "    list: [d]\n    other: []\n")
        #expect(Self.inline(prefix, merged) == .object(["list": .array([.string("d")]), "other": .array([])]))
    }

    @Test(arguments: ["containerd:\n  baseRuntimeSpec:\n", "kubelet:\n  config:\n"])
    func inlineLaterScalarsWinEvenWhenFalsy(prefix: String) {
        let merged = Pipeline.mergeNodeConfigs(
            prefix + "    flag: true\n    count: 7\n    text: \"set\"\n    ratio: 1.5\n",
            prefix + "    flag: false\n    count: 0\n    text: \"\"\n    ratio: 0.0\n")
        #expect(
            Self.inline(prefix, merged)
                == .object([
                    "flag": .bool(false), "count": .integer(0), "text": .string(""), "ratio": .number(0),
                ]))
    }

    @Test(arguments: ["containerd:\n  baseRuntimeSpec:\n", "kubelet:\n  config:\n"])
    func inlineValuesReplaceAcrossKinds(prefix: String) {
        let merged = Pipeline.mergeNodeConfigs(
            prefix + "    mapToScalar: {a: 1}\n    scalarToMap: 5\n",
            prefix + "    mapToScalar: 5\n    scalarToMap: {a: 1}\n")
        #expect(
            Self.inline(prefix, merged)
                == .object([
                    "mapToScalar": .integer(5), "scalarToMap": .object(["a": .integer(1)]),
                ]))
    }

    @Test(arguments: ["{}", "null"])
    func anEmptyLaterInlineDocumentKeepsTheEarlier(empty: String) {
        let merged = Pipeline.mergeNodeConfigs(
            "containerd:\n  baseRuntimeSpec:\n    ociVersion: 1.1.0\nkubelet:\n  config:\n    maxPods: 58\n",
            "containerd:\n  baseRuntimeSpec: \(empty)\nkubelet:\n  config: \(empty)\n")
        #expect(merged.containerd.baseRuntimeSpec == .object(["ociVersion": .string("1.1.0")]))
        #expect(merged.kubelet.config == .object(["maxPods": .integer(58)]))
    }

    @Test func kubeletFlagsAreAppended() {
        let merged = Pipeline.mergeNodeConfigs(
            "kubelet:\n  flags: [--v=2, --node-labels=a=1]\n", "kubelet:\n  flags: []\n",
            "kubelet:\n  flags: [--v=5, --node-labels=b=2]\n")
        #expect(merged.kubelet.flags == ["--v=2", "--node-labels=a=1", "--v=5", "--node-labels=b=2"])
    }

    @Test func featureGatesMergeKeyByKey() {
        let merged = Pipeline.mergeNodeConfigs(
            "featureGates:\n  InstanceIdNodeName: true\n  FastImagePull: true\n",
            "featureGates:\n  FastImagePull: false\n")
        #expect(merged.featureGates == ["InstanceIdNodeName": true, "FastImagePull": false])
    }

    @Test func environmentMergesKeyByKey() {
        let merged = Pipeline.mergeNodeConfigs(
            "instance:\n  environment:\n    default:\n      HTTP_PROXY: http://one:3128\n      NO_PROXY: localhost\n",
            "instance:\n  environment:\n    default:\n      HTTP_PROXY: http://two:3128\n    kubelet:\n      GOGC: \"50\"\n"
        )
        #expect(
            merged.instance.environment == [
                "default": ["HTTP_PROXY": "http://two:3128", "NO_PROXY": "localhost"], "kubelet": ["GOGC": "50"],
            ])
    }

    static let listFields: [(String, @Sendable (NodeConfigSpec) -> [String])] = [
        ("instance:\n  network:\n    nameservers: ", { $0.instance.network.nameservers }),
        ("instance:\n  network:\n    domains: ", { $0.instance.network.domains }),
        ("instance:\n  localStorage:\n    disabledMounts: ", { $0.instance.localStorage.disabledMounts }),
    ]

    @Test(arguments: 0..<listFields.count)
    func otherListsAreReplacedByANonEmptyLaterList(index: Int) {
        let (prefix, read) = Self.listFields[index]
        let merged = Pipeline.mergeNodeConfigs(prefix + "[PodLogs, SOCI]\n", prefix + "[Containerd]\n")
        #expect(read(merged) == ["Containerd"])
    }

    @Test(arguments: 0..<listFields.count)
    func otherListsKeepTheirValueWhenTheLaterListIsEmpty(index: Int) {
        let (prefix, read) = Self.listFields[index]
        #expect(read(Pipeline.mergeNodeConfigs(prefix + "[PodLogs, SOCI]\n", prefix + "[]\n")) == ["PodLogs", "SOCI"])
        #expect(read(Pipeline.mergeNodeConfigs(prefix + "[PodLogs, SOCI]\n", "{}")) == ["PodLogs", "SOCI"])
    }

    /// nodeadm merges `*bool` with mergo, which skips a `false` as "empty": once true, it stays true.
    @Test(
        arguments: [
            (nil, nil, nil), (nil, false, false), (nil, true, true), (false, true, true),
            (true, false, true), (true, nil, true), (false, nil, false),
        ] as [(Bool?, Bool?, Bool?)])
    func enableOutpost(first: Bool?, second: Bool?, expected: Bool?) {
        let spec = { (value: Bool?) in value.map { "cluster:\n  enableOutpost: \($0)\n" } ?? "cluster: {}\n" }
        #expect(Pipeline.mergeNodeConfigs(spec(first), spec(second)).cluster.enableOutpost == expected)
    }

    private static func inline(_ prefix: String, _ spec: NodeConfigSpec) -> JSONValue? {
        prefix.hasPrefix("containerd") ? spec.containerd.baseRuntimeSpec : spec.kubelet.config
    }
}

extension String {
    /// The text indented four spaces, for a YAML block scalar under a two-level key.
    fileprivate var indentedBlock: String {
        split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }
            .joined(separator: "\n") + (hasSuffix("\n") ? "" : "\n")
    }
}
