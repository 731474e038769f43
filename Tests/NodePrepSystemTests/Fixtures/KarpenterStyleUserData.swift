import Foundation

/// User data shaped the way Karpenter emits it for AL2023 nodes: MIME with boundary `//`, LF line
/// ends, no Content-Transfer-Encoding, the user's parts first and the generated NodeConfig last, the
/// whole payload base64-encoded.
enum KarpenterStyleUserData {
    struct Part {
        var contentType: String
        var body: String
    }

    static func mime(_ parts: [Part]) -> String {
        var text = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"//\"\n\n"
        for part in parts {
            text += "--//\nContent-Type: \(part.contentType)\n\n\(part.body)\n"
        }
        return text + "--//--\n"
    }

    /// Writes the MIME text of `parts` to `user-data.mime` in `folder`, for `-c file://…`; its path.
    static func file(_ parts: [Part], in folder: TemporaryFolder) throws -> String {
        try folder.write("user-data.mime", Array(mime(parts).utf8))
    }

    /// What the IMDS server serves in the `init` tests: a script, the user's NodeConfig, a mirror
    /// for docker.io at the node's port 30020, and Karpenter's generated NodeConfig last.
    static let servedByIMDS = Array(
        mime([
            shellScript, userNodeConfig, mirrorConfig(targets: ["http://${NODE_IP}:30020"]), generatedNodeConfig,
        ]).utf8)

    static func encoded(_ parts: [Part]) -> [UInt8] {
        Array(Data(mime(parts).utf8).base64EncodedString().utf8)
    }

    static let shellScript = Part(
        contentType: "text/x-shellscript; charset=\"us-ascii\"",
        body: """
            #!/bin/bash
            echo "user step"

            """)

    /// The user's NodeConfig: part of the base runtime spec and a containerd setting.
    static let userNodeConfig = Part(
        contentType: "application/node.eks.aws",
        body: """
            apiVersion: node.eks.aws/v1alpha1
            kind: NodeConfig
            spec:
              containerd:
                config: |
                  [plugins."io.containerd.grpc.v1.cri"]
                  max_concurrent_downloads = 7
                baseRuntimeSpec:
                  process:
                    noNewPrivileges: false

            """)

    static func mirrorConfig(targets: [String], registries: [String] = ["https://docker.io"]) -> Part {
        let quoted = { (items: [String]) in items.map { "\"\($0)\"" }.joined(separator: ", ") }
        return Part(
            contentType: "application/vnd.nodeprep+yaml",
            body: """
                apiVersion: nodeprep.dev/v1alpha1
                kind: MirrorConfig
                spec:
                  registries: [\(quoted(registries))]
                  targets: [\(quoted(targets))]

                """)
    }

    /// The generated NodeConfig Karpenter appends last, with the rlimits that must survive the merge.
    static let generatedNodeConfig = Part(
        contentType: "application/node.eks.aws",
        body: """
            # Karpenter Generated NodeConfig
            apiVersion: node.eks.aws/v1alpha1
            kind: NodeConfig
            metadata:
              creationTimestamp: null
            spec:
              cluster:
                apiServerEndpoint: https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com
                certificateAuthority: dGVzdCBjbHVzdGVyIENB
                cidr: 172.20.0.0/16
                name: probe-cluster
              containerd:
                baseRuntimeSpec:
                  process:
                    rlimits:
                    - type: RLIMIT_NOFILE
                      soft: 32768
                      hard: 65536
              instance:
                localStorage: {}
              kubelet:
                config:
                  maxPods: 17

            """)
}
