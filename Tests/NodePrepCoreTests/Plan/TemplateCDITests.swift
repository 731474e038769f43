import Testing

@testable import NodePrepCore

/// `enable_cdi` in the template follows nodeadm: on for kubelet 1.32 and later, off before; on when
/// no kubelet is known (with a warning). A node's own config.toml keeps whatever it says.
struct TemplateCDITests {
    static let v2Path = ["plugins", "io.containerd.grpc.v1.cri", "enable_cdi"]
    static let v3Path = ["plugins", "io.containerd.cri.v1.runtime", "enable_cdi"]

    func render(containerd: String, kubelet: KubeletVersion?, existing: String? = nil) throws
        -> (config: TOMLValue, warnings: [String])
    {
        let renderer = ContainerdConfigRenderer(
            version: ContainerdVersion(parsing: containerd), existingConfig: existing, state: nil, kubelet: kubelet)
        let output = try renderer.render(userConfig: nil, userBaseRuntimeSpec: nil, mirror: nil)
        let file = try #require(output.files.first { $0.path == ContainerdConfigRenderer.configPath })
        return (try TOMLParser.parse(String(decoding: file.contents, as: UTF8.self)), output.warnings)
    }

    @Test(arguments: [
        ("v1.27.0", false), ("1.31.9", false), ("Kubernetes v1.31.0-eks-1a2b3c4", false),
        ("1.32.0", true), ("v1.32.1-eks-5d632ec", true), ("1.35.0", true), ("2.0.0", true),
    ])
    func followsTheKubeletVersion(kubelet: String, enabled: Bool) throws {
        let version = try #require(KubeletVersion(parsing: kubelet))
        let (v2, v2Warnings) = try render(containerd: "1.7.20", kubelet: version)
        let (v3, _) = try render(containerd: "2.1.4", kubelet: version)
        #expect(v2[Self.v2Path] == .bool(enabled))
        #expect(v3[Self.v3Path] == .bool(enabled))
        #expect(v2Warnings.isEmpty)
    }

    @Test func unknownKubeletGetsCDIOnAndAWarning() throws {
        let (config, warnings) = try render(containerd: "1.7.20", kubelet: nil)
        #expect(config[Self.v2Path] == .bool(true))
        #expect(
            warnings == [
                "kubelet's version is unknown; enable_cdi = true, nodeadm's setting for kubelet 1.32 and later "
                    + "(--kubelet-version decides)"
            ])
    }

    @Test func anExistingConfigKeepsItsOwnSetting() throws {
        let existing = "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\"]\nenable_cdi = true\n"
        let (config, warnings) = try render(
            containerd: "1.7.20", kubelet: KubeletVersion(major: 1, minor: 27), existing: existing)
        #expect(config[Self.v2Path] == .bool(true))
        #expect(warnings.isEmpty)
        let (unknown, unknownWarnings) = try render(containerd: "1.7.20", kubelet: nil, existing: existing)
        #expect(unknown[Self.v2Path] == .bool(true))
        #expect(unknownWarnings.isEmpty, "kubelet's version does not matter without the template")
    }

    @Test(arguments: [
        ("1.32.0", KubeletVersion(major: 1, minor: 32, patch: 0)),
        ("Kubernetes v1.29.15-eks-473151a\n", KubeletVersion(major: 1, minor: 29, patch: 15)),
        ("v1.35.0-eks-5e0fdde\n", KubeletVersion(major: 1, minor: 35, patch: 0)),
        ("1.31", KubeletVersion(major: 1, minor: 31, patch: 0)),
    ])
    func parsesWhatKubeletAndTheVersionFileSay(text: String, expected: KubeletVersion) {
        #expect(KubeletVersion(parsing: text) == expected)
    }

    @Test(arguments: ["", "Kubernetes", "v0.0.0-master+$Format:%H$", "latest", "1"])
    func refusesTextsWithoutAKubeletVersion(text: String) {
        #expect(KubeletVersion(parsing: text) == nil)
    }
}
