import Foundation
import Testing

@testable import NodePrepCore

/// `nodeprep status` verdicts from observed nodes: a node where everything holds, then each way
/// the mirror silently stops working, one change at a time.
@Suite struct NodeStatusTests {
    static let written = "# Written by nodeprep at boot\nversion = 2\n"
    static let mirror = RunRecord.Mirror(
        configPath: "/etc/containerd/certs.d", folders: ["_default"], targets: ["http://10.0.0.5:30020"])
    static let goodHosts = """
        [host.'http://10.0.0.5:30020']
        capabilities = ['pull', 'resolve']
        dial_timeout = '200ms'
        """
    /// What `containerd config dump` prints (the parts that matter) for a good version 2 file.
    static let goodDump = """
        version = 2
        [plugins]
          [plugins."io.containerd.grpc.v1.cri"]
            [plugins."io.containerd.grpc.v1.cri".containerd]
              discard_unpacked_layers = false
            [plugins."io.containerd.grpc.v1.cri".registry]
              config_path = "/etc/containerd/certs.d"
        """

    /// A node where nodeprep wrote config.toml at t=100 s and containerd started at t=100.5 s.
    static var healthy: NodeObservation {
        NodeObservation(
            bootedAt: 50,
            runRecord: .read(
                RunRecord(
                    finishedAt: 100.2, sources: ["imds://user-data"],
                    files: [.init(path: "/etc/containerd/config.toml", outcome: "written")],
                    containerd: "containerd 1.6.20", mirror: mirror)),
            configState: ContainerdConfigState(base: nil, written: [written]),
            config: .read(.init(text: written, modifiedAt: 100)),
            processes: [.init(pid: 812, startedAt: 100.5, tick: 0.01)],
            containerdVersion: ContainerdVersion(major: 1, minor: 6, patch: 20),
            dump: .loaded(goodDump),
            hostsFolders: [.init(name: "_default", hostsFile: .read(goodHosts))])
    }

    static func findings(_ node: NodeObservation) -> [String] {
        NodeStatus.judge(node).problems.map(\.finding)
    }

    @Test func healthyNodeHasTheMirrorInEffect() {
        let report = NodeStatus.judge(Self.healthy)
        #expect(report.problems == [])
        #expect(report.mirrorEffective)
        #expect(report.configOrigin == .nodeprep)
        #expect(report.lastRunThisBoot == true)
        #expect(report.processes.map(\.readCurrentConfig) == [true])
        #expect(
            report.effective
                == EffectiveMirrorSettings(
                    version: 2, schema: .v2, discardUnpackedLayers: false, configPath: "/etc/containerd/certs.d"))
        #expect(report.text.hasSuffix("\nmirror effective\n"))
        #expect(report.effectiveSummary.contains("containerd (pid 812)"))
        #expect(report.json.object?["mirrorEffective"] == .bool(true))
    }

    @Test func everyProblemCarriesAnAction() {
        var node = Self.healthy
        node.runRecord = .absent
        node.processes = []
        node.config = .absent
        let report = NodeStatus.judge(node)
        #expect(report.problems.count == 3)
        #expect(report.problems.allSatisfy { !$0.action.isEmpty })
        #expect(
            report.text.contains(
                "problem: nodeprep has no record of a run (/var/lib/nodeprep/last-run.json is missing)"))
        #expect(report.text.hasSuffix("mirror NOT effective: 3 problems\n"))
    }

    @Test func containerdStartedBeforeTheLastWriteRunsOnAnOlderFile() {
        var node = Self.healthy
        node.processes = [.init(pid: 812, startedAt: 99.0, tick: 0.01)]
        let findings = Self.findings(node)
        #expect(findings.count == 1)
        #expect(findings.first?.hasPrefix("containerd (pid 812) started at 1970-01-01T00:01:39.000Z, before") == true)
    }

    /// `/proc` counts in clock ticks: a start in the same tick as the write may have read the file.
    @Test func startInTheTickOfTheWriteCountsAsReadingIt() {
        var node = Self.healthy
        node.processes = [.init(pid: 812, startedAt: 99.995, tick: 0.01)]
        #expect(Self.findings(node) == [])
        node.processes = [.init(pid: 812, startedAt: 99.99, tick: 0.01)]
        #expect(Self.findings(node).count == 1)
    }

    @Test func foreignRewriteIsNamedByWhatTheContentSays() {
        var node = Self.healthy
        let nodeadm = """
            version = 2
            [plugins.'io.containerd.grpc.v1.cri']
            sandbox_image = 'localhost/kubernetes/pause:latest'
            [plugins.'io.containerd.grpc.v1.cri'.registry]
            config_path = '/etc/containerd/certs.d:/etc/docker/certs.d'
            """
        node.config = .read(.init(text: nodeadm, modifiedAt: 100))
        #expect(NodeStatus.judge(node).configOrigin == .nodeadmTemplate)
        #expect(
            Self.findings(node) == [
                "/etc/containerd/config.toml was replaced since nodeprep wrote it (now nodeadm's template)"
            ])
    }

    @Test func aFileNodeprepNeverWroteIsNotCalledReplaced() {
        var node = Self.healthy
        node.configState = nil
        node.config = .read(.init(text: "version = 2\n", modifiedAt: 100))
        #expect(
            Self.findings(node) == [
                "/etc/containerd/config.toml is written by another program, not nodeprep's output: nodeprep has not written it"
            ])
    }

    @Test func handEditKeepsTheHeaderAndIsCalledAnEdit() {
        var node = Self.healthy
        node.config = .read(.init(text: Self.written + "oom_score = -999\n", modifiedAt: 100))
        #expect(NodeStatus.judge(node).configOrigin == .editedNodeprepOutput)
        #expect(Self.findings(node) == ["/etc/containerd/config.toml was edited since nodeprep wrote it"])
    }

    @Test func otherWritersAreRecognisedFromTheParsedSettings() {
        let debian =
            "version = 2\n[plugins]\n  [plugins.\"io.containerd.grpc.v1.cri\".cni]\n    bin_dir = \"/usr/lib/cni\"\n"
        #expect(ConfigFileOrigin.classify(debian, written: []) == .debianPackageDefault)
        let fullDefault = "version = 2\n[plugins.\"io.containerd.gc.v1.scheduler\"]\n  pause_threshold = 0.02\n"
        #expect(ConfigFileOrigin.classify(fullDefault, written: []) == .containerdDefault)
        #expect(ConfigFileOrigin.classify("version = 2\n", written: []) == .unknown)
        #expect(ConfigFileOrigin.classify("not [toml", written: []) == .unknown)
    }

    @Test func effectiveSettingsThatDefeatTheMirror() {
        var node = Self.healthy
        node.dump = .loaded(
            Self.goodDump.replacingOccurrences(
                of: "discard_unpacked_layers = false", with: "discard_unpacked_layers = true"))
        #expect(
            Self.findings(node) == [
                "containerd discards unpacked layers ([plugins.\"io.containerd.grpc.v1.cri\".containerd] "
                    + "discard_unpacked_layers = true): peers cannot fetch layers from this node"
            ])
        node.dump = .loaded(
            Self.goodDump.replacingOccurrences(
                of: "\"/etc/containerd/certs.d\"", with: "\"/etc/containerd/certs.d:/etc/docker/certs.d\""))
        #expect(Self.findings(node).first?.hasPrefix("containerd's registry config_path names several folders") == true)
        node.dump = .loaded(
            Self.goodDump.replacingOccurrences(of: "\"/etc/containerd/certs.d\"", with: "\"/etc/other\""))
        #expect(
            Self.findings(node) == [
                "containerd's registry config_path is \"/etc/other\", but the mirror's hosts.toml files are in /etc/containerd/certs.d"
            ])
        node.dump = .refused("containerd: failed to load TOML: (3, 1): duplicated tables")
        #expect(
            Self.findings(node) == [
                "containerd refuses /etc/containerd/config.toml: containerd: failed to load TOML: (3, 1): duplicated tables"
            ])
    }

    /// containerd 2.x loads every file as version 3: its keys are read, whatever the file said.
    @Test func containerd2IsReadThroughVersion3Keys() throws {
        let dump = """
            version = 3
            [plugins.'io.containerd.cri.v1.images']
              discard_unpacked_layers = false
              [plugins.'io.containerd.cri.v1.images'.registry]
                config_path = '/etc/containerd/certs.d'
            [plugins.'io.containerd.grpc.v1.cri'.containerd]
              discard_unpacked_layers = true
            """
        let settings = try EffectiveMirrorSettings(dump: dump, containerd: ContainerdVersion(major: 2, minor: 1))
        #expect(
            settings
                == EffectiveMirrorSettings(
                    version: 3, schema: .v3, discardUnpackedLayers: false, configPath: "/etc/containerd/certs.d"))
        // containerd 1.x ignores version 3 tables.
        let old = try EffectiveMirrorSettings(dump: dump, containerd: ContainerdVersion(major: 1, minor: 7))
        #expect(old.discardUnpackedLayers == true)
        #expect(old.configPath == nil)
    }

    @Test func hostsFileProblemsAndMissingTargets() {
        var node = Self.healthy
        node.hostsFolders = [
            .init(name: "_default", hostsFile: .read(Self.goodHosts + "\n[host.'http://10.0.0.5:30020']\n"))
        ]
        #expect(Self.findings(node).count == 1)
        #expect(
            Self.findings(node).first?.hasPrefix(
                "/etc/containerd/certs.d/_default/hosts.toml: defines [host.'http://10.0.0.5:30020'] twice") == true)

        node.hostsFolders = [
            .init(
                name: "_default",
                hostsFile: .read(
                    Self.goodHosts.replacingOccurrences(of: "'resolve'", with: "'fetch'")))
        ]
        #expect(
            Self.findings(node) == [
                "/etc/containerd/certs.d/_default/hosts.toml: host.'http://10.0.0.5:30020'.capabilities has unknown "
                    + "capability 'fetch' (known: pull, resolve, push): containerd skips the whole file and pulls from the registry itself"
            ])

        node.hostsFolders = [
            .init(
                name: "_default",
                hostsFile: .read(
                    Self.goodHosts.replacingOccurrences(of: "10.0.0.5", with: "10.0.0.6")))
        ]
        #expect(
            Self.findings(node) == [
                "/etc/containerd/certs.d/_default/hosts.toml does not name the mirror host http://10.0.0.5:30020"
            ])

        node.hostsFolders = [.init(name: "docker.io", hostsFile: .read(Self.goodHosts))]
        #expect(Self.findings(node) == ["/etc/containerd/certs.d/_default/hosts.toml is missing"])
        node.hostsFolders = nil
        #expect(Self.findings(node) == ["the mirror folder /etc/containerd/certs.d is missing"])
    }

    @Test func hostsFileCheckFollowsContainerdsParser() {
        #expect(HostsFileCheck(text: Self.goodHosts).problems == [])
        #expect(HostsFileCheck(text: Self.goodHosts).hosts == ["http://10.0.0.5:30020"])
        let typed = """
            server = 5
            [host.'http://a:1']
            capabilities = 'pull'
            skip_verify = 'no'
            dial_timeout = '2 seconds'
            [host.'http://a:1'.header]
            x = 1
            """
        #expect(
            HostsFileCheck(text: typed).problems == [
                "server is not a string",
                "host.'http://a:1'.capabilities is not an array of strings",
                "host.'http://a:1'.skip_verify is not a boolean",
                "host.'http://a:1'.dial_timeout is not a duration like '200ms'",
                "host.'http://a:1'.header values are not strings or arrays of strings",
            ])
        let inline = "host = { 'http://a:1' = { capabilities = ['pull'] } }\n"
        #expect(
            HostsFileCheck(text: inline).problems == [
                "host 'http://a:1' is not declared by a [host.'http://a:1'] header; containerd 2.x ignores it"
            ])
        #expect(
            HostsFileCheck(text: "server = 'https://registry-1.docker.io'\n").problems.first?
                .hasPrefix("declares no [host.'…'] table") == true)
        #expect(HostsFileCheck(text: "[host.'http://a:1']\ndial_timeout = '1m30.5s'\n").problems == [])
        #expect(HostsFileCheck(text: "[host.'http://a:1'\n").problems.first?.hasPrefix("not valid TOML (") == true)
    }

    @Test func timestampsAreUTCWithMilliseconds() {
        #expect(Timestamp.text(0) == "1970-01-01T00:00:00.000Z")
        // Expected values from Python's datetime.fromtimestamp(…, timezone.utc).
        #expect(Timestamp.text(1_796_225_353.614) == "2026-12-02T15:29:13.614Z")
        #expect(Timestamp.text(951_782_400.5) == "2000-02-29T00:00:00.500Z")
    }
}
