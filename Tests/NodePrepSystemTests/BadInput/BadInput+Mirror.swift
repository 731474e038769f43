/// MirrorConfig values that would name a folder outside `config_path`, break out of a TOML
/// string, or leave containerd without a usable mirror.
extension BadInput {
    static func registries(_ list: String) -> String {
        mirrorConfig("  registries: \(list)\n  targets: [\"http://10.0.0.1:30020\"]\n")
    }

    static func targets(_ list: String) -> String {
        mirrorConfig("  registries: [https://docker.io]\n  targets: \(list)\n")
    }

    static func configPath(_ path: String) -> String {
        mirrorConfig(validMirrorSpec + "  configPath: \(path)\n")
    }

    static let mirrorCases: [BadInput] = [
        BadInput(
            "registry climbing out of the certs folder", registries("[\"https://../../etc\"]"),
            expect: [
                " line 4:16: spec.registries[0]: invalid registry url path has to be empty: https://../../etc",
                " line 4:16: spec.registries[0]: invalid registry url host must be dot-separated names of 1 to 63 characters: https://../../etc",
            ]),
        BadInput(
            "registry with a dot-dot path", registries("[\"https://docker.io/../x\"]"),
            expect: [
                " line 4:16: spec.registries[0]: invalid registry url path has to be empty: https://docker.io/../x"
            ]),
        BadInput(
            "registry with a path", registries("[\"http://a/b\"]"),
            expect: [" line 4:16: spec.registries[0]: invalid registry url path has to be empty: http://a/b"]),
        BadInput(
            "registry host of two dots", registries("[\"https://..\"]"),
            expect: [
                "spec.registries[0]: invalid registry url host must be dot-separated names of 1 to 63 characters: https://.."
            ]),
        BadInput(
            "registry host with an empty label", registries("[\"https://docker..io\"]"),
            expect: ["spec.registries[0]: invalid registry url host must be dot-separated names of 1 to 63 characters"]),
        BadInput(
            "registry host percent-encoding dot-dot", registries("[\"https://%2e%2e\"]"),
            expect: [
                "spec.registries[0]: invalid registry url host may only contain letters, digits, '.', '-' and '_': https://%2e%2e"
            ]),
        BadInput(
            "registry host with an encoded slash", registries("[\"https://docker.io%2f..%2fetc\"]"),
            expect: ["spec.registries[0]: invalid registry url host may only contain letters, digits, '.', '-' and '_'"]
        ),
        BadInput(
            "registry host with backslashes", registries("['https://a\\..\\etc']"),
            expect: ["spec.registries[0]: invalid registry url host may only contain letters, digits, '.', '-' and '_'"]
        ),
        BadInput(
            "registry named like the backup folder", registries("[\"https://_backup\"]"),
            expect: ["spec.registries[0]: invalid registry url host _backup is a reserved folder name: https://_backup"]
        ),
        BadInput(
            "registry with a file URL", registries("[\"file:///etc\"]"),
            expect: ["spec.registries[0]: invalid registry url scheme must be http or https: file:///etc"]),
        BadInput(
            "registry with a newline", registries("[\"https://docker.io\\n[host.'x']\"]"),
            expect: [
                "spec.registries[0]: invalid registry url must not contain spaces or control characters: https://docker.io\\n[host.'x']"
            ]),
        BadInput(
            "target with a quote", targets("[\"http://a'b:1\"]"),
            expect: [
                " line 5:13: spec.targets[0]: invalid registry url host may only contain letters, digits, '.', '-' and '_': http://a'b:1"
            ]),
        BadInput(
            "target with a password", targets("[\"http://user:hunter2@10.0.0.1:30020\"]"),
            expect: ["spec.targets[0]: invalid registry url user has to be empty: http://user:xxxxx@10.0.0.1:30020"]),
        BadInput(
            "target wildcard", targets("[\"*\"]"),
            expect: ["spec.targets[0]: wildcard registries are not allowed"]),
        BadInput(
            "target with an unknown placeholder", targets("[\"http://${HOST_IP}:30020\"]"),
            expect: [
                "spec.targets[0]: invalid registry url only the ${NODE_IP} placeholder is allowed, found ${HOST_IP}"
            ]),
        BadInput(
            "target with an unclosed placeholder and a quote", targets("[\"http://${'ODE_IP1\"]"),
            expect: [
                "spec.targets[0]: invalid registry url only the ${NODE_IP} placeholder is allowed, found ${'ODE_IP1"
            ]),
        BadInput(
            "target port zero", targets("[\"http://10.0.0.1:0\"]"),
            expect: ["spec.targets[0]: invalid registry url port must be a number from 1 to 65535: http://10.0.0.1:0"]),
        BadInput(
            "target of 900 KB", targets("[\"http://" + String(repeating: "a", count: 900_000) + "\"]"),
            expect: [
                "spec.targets[0]: invalid registry url host must be dot-separated names of 1 to 63 characters: http://aaaa",
                "more characters)",
            ]),
        BadInput(
            "MirrorConfig without targets", mirrorConfig("  registries: [https://docker.io]\n"),
            expect: ["merged MirrorConfig: spec.targets: at least one mirror target is required"]),
        BadInput(
            "MirrorConfig with an empty target list", targets("[]"),
            expect: ["merged MirrorConfig: spec.targets: at least one mirror target is required"]),
        BadInput(
            "MirrorConfig without spec", "apiVersion: nodeprep.dev/v1alpha1\nkind: MirrorConfig\n",
            expect: ["merged MirrorConfig: spec.targets: at least one mirror target is required"]),
        BadInput(
            "duplicate targets", targets("[\"http://10.0.0.1:30020\", \"http://10.0.0.1:30020\"]"),
            expect: ["spec.targets[1]: duplicate mirror target http://10.0.0.1:30020, already given as spec.targets[0]"]
        ),
        BadInput(
            "two registries sharing a folder", registries("[\"http://a.test:5000\", \"https://a.test:5000\"]"),
            expect: ["spec.registries[1]: registry folder a.test:5000 is already written for spec.registries[0]"]),
        BadInput(
            "configPath relative", configPath("etc/containerd/certs.d"),
            expect: [" line 6:3: spec.configPath: must be an absolute path: etc/containerd/certs.d"]),
        BadInput(
            "configPath with dot-dot", configPath("/etc/containerd/../../tmp"),
            expect: [
                "spec.configPath: must be a normalised path without empty, '.' or '..' components or a trailing '/': /etc/containerd/../../tmp"
            ]),
        BadInput(
            "configPath with a trailing slash", configPath("/etc/containerd/certs.d/"),
            expect: [
                "spec.configPath: must be a normalised path without empty, '.' or '..' components or a trailing '/'"
            ]),
        BadInput(
            "configPath the root folder", configPath("/"),
            expect: ["spec.configPath: must not be the root folder"]),
        BadInput(
            "configPath with a newline", configPath("\"/etc/containerd/certs.d\\nx\""),
            expect: ["spec.configPath: must not contain control characters: /etc/containerd/certs.d\\nx"]),
        BadInput(
            "node address that is not an address", mirrorConfig(validMirrorSpec),
            expect: [
                "the node address 10.0.0.1\\n[host.'x'] is not an IPv4 or IPv6 address"
            ]
        ).with(nodeAddress: "10.0.0.1\n[host.'x']"),
    ]
}
