import Foundation
import Testing

/// `nodeprep status --root` on real trees written by `nodeprep init`, with a real containerd
/// running on the tree's config.toml and the real `containerd config dump` reading it.
@Suite(.serialized) struct StatusCommandTests {
    @Test func freshRunThenContainerdStartIsEffective() async throws {
        try await ContainerdRig.with("status-fresh") { rig in
            let node = try StatusNode(rig: rig)
            try node.initialize()
            try await node.startContainerd()
            let (status, report, text) = try node.status()
            #expect(StatusNode.findings(report) == [], "\(text)")
            #expect(status == 0)
            #expect(report["mirrorEffective"] as? Bool == true)
            let effective = report["effective"] as? [String: Any]
            #expect(effective?["discardUnpackedLayers"] as? Bool == false)
            #expect(effective?["configPath"] as? String == "/etc/containerd/certs.d")
            #expect(effective?["version"] as? Int == 2)
            #expect((report["config"] as? [String: Any])?["origin"] as? String == "nodeprep's output")
            let hosts = (report["hostsFiles"] as? [[String: Any]])?.map { $0["hosts"] as? [String] ?? [] }
            #expect(hosts == [[StatusNode.target], [StatusNode.target]])
            let run = report["lastRun"] as? [String: Any]
            #expect(run?["sources"] as? [String] == ["file://" + node.userData])
            #expect(text.hasSuffix("\nmirror effective\n"))
        }
    }

    @Test func containerdStartedBeforeTheLastWrite() async throws {
        try await ContainerdRig.with("status-stale") { rig in
            let node = try StatusNode(rig: rig)
            try await node.startContainerd()
            try await Task.sleep(for: .milliseconds(50))  // more than a clock tick
            try node.initialize()
            let (status, report, text) = try node.status()
            let findings = StatusNode.findings(report)
            #expect(status == 1)
            #expect(findings.count == 1, "\(text)")
            #expect(findings.first?.contains("before /etc/containerd/config.toml was last written") == true)
            let process = ((report["containerd"] as? [String: Any])?["processes"] as? [[String: Any]])?.first
            #expect(process?["readCurrentConfig"] as? Bool == false)
        }
    }

    /// A bootstrap script copies the distribution's file over config.toml and restarts containerd.
    @Test func foreignRewriteLosesTheSettings() async throws {
        try await ContainerdRig.with("status-foreign") { rig in
            let node = try StatusNode(rig: rig)
            try node.initialize()
            // The Debian package's config.toml, with the tree's own daemon paths.
            try node.write(
                node.daemonSettings + """
                    [plugins]
                      [plugins."io.containerd.grpc.v1.cri"]
                        [plugins."io.containerd.grpc.v1.cri".cni]
                          bin_dir = "/usr/lib/cni"
                          conf_dir = "/etc/cni/net.d"
                      [plugins."io.containerd.internal.v1.opt"]
                        path = "\(node.daemon)/opt"
                    """, to: "/etc/containerd/config.toml")
            try await node.startContainerd()
            let (status, report, text) = try node.status()
            #expect(status == 1)
            #expect(
                (report["config"] as? [String: Any])?["origin"] as? String == "the Debian containerd package's default")
            #expect(
                StatusNode.findings(report) == [
                    "/etc/containerd/config.toml was replaced since nodeprep wrote it (now the Debian containerd package's default)",
                    "containerd has no registry config_path ([plugins.\"io.containerd.grpc.v1.cri\".registry] config_path): it reads no hosts.toml",
                ], "\(text)")
        }
    }

    @Test func handEditIsReported() async throws {
        try await ContainerdRig.with("status-edit") { rig in
            let node = try StatusNode(rig: rig)
            try node.initialize()
            let written = try String(contentsOfFile: node.configFile, encoding: .utf8)
            try node.write(written + "\noom_score = -500\n", to: "/etc/containerd/config.toml")
            try await node.startContainerd()
            let (status, report, text) = try node.status()
            #expect(status == 1)
            #expect(
                StatusNode.findings(report) == ["/etc/containerd/config.toml was edited since nodeprep wrote it"],
                "\(text)")
        }
    }

    @Test func brokenHostsFileIsReportedAndContainerdAgrees() async throws {
        try await ContainerdRig.with("status-hosts") { rig in
            let node = try StatusNode(rig: rig)
            try node.initialize()
            try await node.startContainerd()
            let hostsFile = node.path("/etc/containerd/certs.d/docker.io/hosts.toml")
            let original = try String(contentsOfFile: hostsFile, encoding: .utf8)
            try node.write(
                original + "\n\n[host.'\(StatusNode.target)']\ncapabilities = ['pull']\n",
                to: "/etc/containerd/certs.d/docker.io/hosts.toml")
            let (status, report, text) = try node.status()
            #expect(status == 1)
            let findings = StatusNode.findings(report)
            #expect(findings.count == 1, "\(text)")
            #expect(
                findings.first?.hasPrefix(
                    "/etc/containerd/certs.d/docker.io/hosts.toml: defines [host.'http://10.0.0.5:30020'] twice")
                    == true)
            // containerd's own parser (ctr uses it for --hosts-dir) refuses the file too.
            let pull = try await rig.run(
                [
                    rig.tools.ctr, "--address", node.socket, "images", "pull", "--hosts-dir",
                    node.path("/etc/containerd/certs.d"), "docker.io/library/nodeprep-status:1",
                ], limit: .seconds(30), logName: "pull")
            #expect(pull.stderr.contains("failed to decode hosts.toml"), "\(pull.stderr)")
        }
    }
}
