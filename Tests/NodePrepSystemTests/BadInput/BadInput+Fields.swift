/// Well-formed YAML with fields nodeprep does not know or values of the wrong type.
extension BadInput {
    static let fieldCases: [BadInput] = [
        BadInput(
            "unknown top-level field", "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspecs: {}\n",
            expect: [" line 3:1: unknown field specs"]),
        BadInput(
            "unknown field in spec", nodeConfig("  clusterr:\n    name: x\n"),
            expect: [" line 4:3: unknown field spec.clusterr"]),
        BadInput(
            "unknown field in spec.containerd", nodeConfig("  containerd:\n    baseRuntimeSpc: {}\n"),
            expect: [" line 5:5: unknown field spec.containerd.baseRuntimeSpc"]),
        BadInput(
            "unknown field four levels down", nodeConfig("  instance:\n    localStorage:\n      mountpath: /mnt/k8s\n"),
            expect: [" line 6:7: unknown field spec.instance.localStorage.mountpath"]),
        BadInput(
            "unknown field in metadata",
            "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nmetadata:\n  nam: x\nspec: {}\n",
            expect: [" line 4:3: unknown field metadata.nam"]),
        BadInput(
            "unknown MirrorConfig field", mirrorConfig(validMirrorSpec + "  mirrors: [http://10.0.0.1:5000]\n"),
            expect: [" line 6:3: unknown field spec.mirrors"]),
        BadInput(
            "metadata a number", "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nmetadata: 5\n",
            expect: [" line 3:11: metadata must be a mapping, found integer 5"]),
        BadInput(
            "spec a list", "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec: [cluster]\n",
            expect: [" line 3:7: spec must be a mapping, found a list"]),
        BadInput(
            "key that is a list", nodeConfig("  ? [a, b]\n  : c\n"),
            expect: [" line 4:5: spec has a key that is not a string"]),
        BadInput(
            "cluster name a number", nodeConfig("  cluster:\n    name: 42\n"),
            expect: [" line 5:11: spec.cluster.name must be a string, found integer 42"]),
        BadInput(
            "enableOutpost a quoted string", nodeConfig("  cluster:\n    enableOutpost: \"yes\"\n"),
            expect: [" line 5:20: spec.cluster.enableOutpost must be true or false, found string \"yes\""]),
        BadInput(
            "kubelet flags a string", nodeConfig("  kubelet:\n    flags: --v=2\n"),
            expect: [" line 5:12: spec.kubelet.flags must be a list of strings, found string \"--v=2\""]),
        BadInput(
            "kubelet flag a number", nodeConfig("  kubelet:\n    flags: [1]\n"),
            expect: [" line 5:13: spec.kubelet.flags[0] must be a string, found integer 1"]),
        BadInput(
            "baseRuntimeSpec a list", nodeConfig("  containerd:\n    baseRuntimeSpec: [a]\n"),
            expect: [" line 5:22: spec.containerd.baseRuntimeSpec must be a mapping, found a list"]),
        BadInput(
            "kubelet config a string", nodeConfig("  kubelet:\n    config: \"maxPods: 5\"\n"),
            expect: [" line 5:13: spec.kubelet.config must be a mapping, found string \"maxPods: 5\""]),
        BadInput(
            "feature gate a quoted string", nodeConfig("  featureGates:\n    InstanceIdNodeName: \"true\"\n"),
            expect: [" line 5:25: spec.featureGates.InstanceIdNodeName must be true or false, found string \"true\""]),
        BadInput(
            "environment value a list", nodeConfig("  instance:\n    environment:\n      default:\n        X: [1]\n"),
            expect: [" line 7:12: spec.instance.environment.default.X must be a string, found a list"]),
        BadInput(
            "containerd config a mapping", nodeConfig("  containerd:\n    config: {version: 2}\n"),
            expect: [" line 5:13: spec.containerd.config must be a string, found a mapping"]),
        BadInput(
            "local storage strategy RAID5", nodeConfig("  instance:\n    localStorage:\n      strategy: RAID5\n"),
            expect: [
                " line 6:17: spec.instance.localStorage.strategy must be one of Mount, RAID0, RAID10, found \"RAID5\""
            ]),
        BadInput(
            "unknown disabled mount", nodeConfig("  instance:\n    localStorage:\n      disabledMounts: [Logs]\n"),
            expect: [
                " line 6:24: spec.instance.localStorage.disabledMounts[0] must be one of Containerd, PodLogs, SOCI, found \"Logs\""
            ]),
        BadInput(
            "certificate authority not base64", nodeConfig("  cluster:\n    certificateAuthority: not-base64!\n"),
            expect: [" line 5:27: spec.cluster.certificateAuthority is not valid base64"]),
        BadInput(
            "infinity in baseRuntimeSpec", nodeConfig("  containerd:\n    baseRuntimeSpec:\n      x: .inf\n"),
            expect: [" line 6:10: spec.containerd.baseRuntimeSpec.x is .inf, which JSON cannot represent"]),
        BadInput(
            "NaN in kubelet config", kubeletConfig("      maxPods: .nan\n"),
            expect: [" line 6:16: spec.kubelet.config.maxPods is .nan, which JSON cannot represent"]),
        BadInput(
            "resolveTags a number", mirrorConfig(validMirrorSpec + "  resolveTags: 1\n"),
            expect: [" line 6:16: spec.resolveTags must be true or false, found integer 1"]),
        BadInput(
            "registries a string",
            mirrorConfig("  registries: https://docker.io\n  targets: [\"http://10.0.0.1:30020\"]\n"),
            expect: [" line 4:15: spec.registries must be a list of strings, found string \"https://docker.io\""]),
        BadInput(
            "configPath a list", mirrorConfig(validMirrorSpec + "  configPath: []\n"),
            expect: [" line 6:15: spec.configPath must be a string, found a list"]),
        BadInput(
            "900 KB string in a boolean field",
            mirrorConfig(validMirrorSpec + "  prependExisting: \"" + String(repeating: "x", count: 900_000) + "\"\n"),
            expect: [" line 6:20: spec.prependExisting must be true or false, found string \"xxxx", "more characters)"]),
        BadInput(
            "150 unknown fields", nodeConfig((0..<150).map { "  field\($0): 1\n" }.joined()),
            expect: [
                " line 4:3: unknown field spec.field0", " line 103:3: unknown field spec.field99",
                ": 50 more problems not shown",
            ]),
    ]
}
