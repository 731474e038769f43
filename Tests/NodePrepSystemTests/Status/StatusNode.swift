import Foundation

/// A node tree for `nodeprep status` tests, with a real containerd that runs on the tree's own
/// `/etc/containerd/config.toml` (not a sandboxed copy), so `status` finds it in `/proc` exactly
/// as on a node. The tree's first config.toml already keeps containerd's root, state and sockets
/// inside the rig's scratch folder; nodeprep merges onto it and keeps those keys.
struct StatusNode {
    let rig: ContainerdRig
    let root: String
    let userData: String
    /// containerd's root, state and sockets.
    let daemon: String

    static let nodeAddress = "10.0.0.5"
    static let target = "http://10.0.0.5:30020"

    init(rig: ContainerdRig) throws {
        self.rig = rig
        root = try rig.scratch.makeDirectory("node")
        daemon = try rig.scratch.makeDirectory("daemon")
        userData = try rig.scratch.write(
            KarpenterStyleUserData.mime([
                KarpenterStyleUserData.shellScript,
                KarpenterStyleUserData.mirrorConfig(
                    targets: ["http://${NODE_IP}:30020"], registries: ["https://docker.io", "https://ghcr.io"]),
            ]), to: "user-data.mime")
        _ = try rig.scratch.write(
            daemonSettings + """
                [plugins."io.containerd.internal.v1.opt"]
                  path = "\(daemon)/opt"
                [plugins."io.containerd.grpc.v1.cri".containerd]
                  discard_unpacked_layers = true
                """, to: "node/etc/containerd/config.toml")
    }

    /// The top-level keys that keep the daemon inside the scratch folder, for any config.toml
    /// a test writes (they end before the first plugin table).
    var daemonSettings: String {
        """
        version = 2
        root = "\(daemon)/root"
        state = "\(daemon)/state"
        [grpc]
          address = "\(daemon)/containerd.sock"
        [ttrpc]
          address = "\(daemon)/containerd.sock.ttrpc"
        [debug]
          address = ""
        [metrics]
          address = ""

        """
    }

    var configFile: String { root + "/etc/containerd/config.toml" }
    var socket: String { daemon + "/containerd.sock" }

    func path(_ nodePath: String) -> String { root + nodePath }

    /// `nodeprep init` on the tree, as the boot runs it (containerd's version from the binary).
    func initialize() throws {
        let result = try NodePrepBinary.run([
            "init", "--root", root, "-c", "file://" + userData, "--node-address", Self.nodeAddress,
        ])
        guard result.status == 0 else { throw HarnessError("nodeprep init failed:\n\(result.stderr)") }
    }

    /// Starts containerd on the tree's config.toml and waits until it serves.
    @discardableResult
    func startContainerd() async throws -> ChildProcess {
        let daemon = try rig.start([rig.tools.containerd, "--config", configFile], logName: "containerd")
        _ = try await rig.waitFor("containerd serving on \(socket)", of: daemon) { () async throws -> Bool? in
            guard FileManager.default.fileExists(atPath: socket) else { return nil }
            return try await rig.run([rig.tools.ctr, "--address", socket, "version"], logName: "ctr").succeeded
                ? true : nil
        }
        return daemon
    }

    /// `nodeprep status --root` as JSON, with its exit status.
    func status() throws -> (status: Int32, report: [String: Any], text: String) {
        let json = try NodePrepBinary.run(["status", "--root", root, "-o", "json"])
        let text = try NodePrepBinary.run(["status", "--root", root])
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any] ?? [:]
        return (json.status, report, text.stdout)
    }

    static func findings(_ report: [String: Any]) -> [String] {
        (report["problems"] as? [[String: Any]] ?? []).compactMap { $0["finding"] as? String }
    }

    func write(_ text: String, to nodePath: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(nodePath)))
    }
}
