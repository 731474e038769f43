import NodePrepCore

/// Hand-written files of the shape nodeprep writes for a Spegel mirror on a containerd 1.6/1.7
/// node: a version-2 config.toml (the Debian package defaults plus nodeprep's keys), the base
/// runtime spec it names, and Spegel-style hosts.toml files.
///
/// They stand in for the renderer's output in the system tests; each test builds its node from
/// these `PlannedFile` values, so pointing a test at a rendered `Plan` means replacing one call
/// with `plan.files`.
enum HandWrittenNodeFiles {
    static let configPath = "/etc/containerd/config.toml"
    static let baseRuntimeSpecPath = "/etc/containerd/base-runtime-spec.json"
    static let certsDirectory = "/etc/containerd/certs.d"

    /// config.toml. `registryConfigPath: nil` leaves the key out, as on a stock node.
    static func config(
        discardUnpackedLayers: Bool = false, registryConfigPath: String? = certsDirectory
    ) -> PlannedFile {
        let registry =
            registryConfigPath.map {
                """

                [plugins."io.containerd.grpc.v1.cri".registry]
                  config_path = "\($0)"

                """
            } ?? ""
        return PlannedFile(
            path: configPath,
            text: """
                version = 2
                root = "/var/lib/containerd"
                state = "/run/containerd"

                [grpc]
                  address = "/run/containerd/containerd.sock"

                [plugins."io.containerd.grpc.v1.cri".cni]
                  bin_dir = "/usr/lib/cni"
                  conf_dir = "/etc/cni/net.d"

                [plugins."io.containerd.grpc.v1.cri".containerd]
                  discard_unpacked_layers = \(discardUnpackedLayers)

                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
                  runtime_type = "io.containerd.runc.v2"
                  base_runtime_spec = "\(baseRuntimeSpecPath)"
                \(registry)
                [plugins."io.containerd.internal.v1.opt"]
                  path = "/var/lib/containerd/opt"

                """)
    }

    /// The base runtime spec named by `config()`, with raised open-file limits.
    static func baseRuntimeSpec() -> PlannedFile {
        PlannedFile(
            path: baseRuntimeSpecPath,
            text: """
                {
                  "ociVersion": "1.1.0",
                  "process": {
                    "cwd": "/",
                    "user": {"uid": 0, "gid": 0},
                    "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1048576, "soft": 1048576}]
                  },
                  "root": {"path": "rootfs"}
                }

                """)
    }

    /// `certs.d/<registry>/hosts.toml` as Spegel writes it: literal strings, one `[host.'…']`
    /// table per mirror, `dial_timeout`, no final newline. `registry: nil` gives `_default`,
    /// which has no `server` line.
    static func hostsToml(registry: String?, server: String?, mirrors: [String]) -> PlannedFile {
        let serverLine = server.map { "server = '\($0)'\n" } ?? ""
        let hosts = mirrors.map {
            """
            [host.'\($0)']
            capabilities = ['pull', 'resolve']
            dial_timeout = '200ms'
            """
        }
        let text = serverLine + (serverLine.isEmpty ? "" : "\n") + hosts.joined(separator: "\n\n")
        return PlannedFile(path: "\(certsDirectory)/\(registry ?? "_default")/hosts.toml", text: text)
    }

    /// Everything a node needs to pull docker.io images through `mirror`.
    static func dockerHubMirrorNode(mirror: String, discardUnpackedLayers: Bool = false) -> [PlannedFile] {
        [
            config(discardUnpackedLayers: discardUnpackedLayers),
            baseRuntimeSpec(),
            hostsToml(registry: "docker.io", server: "https://registry-1.docker.io", mirrors: [mirror]),
        ]
    }
}
