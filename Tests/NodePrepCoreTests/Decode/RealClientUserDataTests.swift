import Testing

@testable import NodePrepCore

/// User data laid out byte for byte as the real producers write it. Strict about unknown fields,
/// never about what these clients send.
@Suite struct RealClientUserDataTests {
    static let certificate = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t"

    /// Karpenter's layout: boundary `//`, LF only, only a Content-Type header per part, no transfer
    /// encoding, a blank line before each delimiter (bodies end in a newline), the whole payload base64.
    static func karpenterUserData(_ bodies: [(type: String, body: String)], closing: String = "--//--\n") -> [UInt8] {
        var text = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"//\"\n\n"
        for part in bodies {
            text += "--//\nContent-Type: \(part.type)\n\n\(part.body)\n"
        }
        return Encoding.base64(text + closing)
    }

    static let shellScript = (
        type: "text/x-shellscript; charset=\"us-ascii\"", body: "#!/bin/bash\necho \"custom setup\"\n"
    )

    static let otherRuntimeSpecKeys = """
        apiVersion: node.eks.aws/v1alpha1
        kind: NodeConfig
        spec:
          containerd:
            baseRuntimeSpec:
              process:
                noNewPrivileges: true
                user:
                  uid: 0
                  gid: 0
              linux:
                maskedPaths:
                - /proc/acpi

        """

    static let rlimits = """
        apiVersion: node.eks.aws/v1alpha1
        kind: NodeConfig
        spec:
          containerd:
            baseRuntimeSpec:
              process:
                rlimits:
                - type: RLIMIT_NOFILE
                  hard: 1048576
                  soft: 1048576

        """

    static let mergedRuntimeSpec: JSONValue = .object([
        "process": .object([
            "noNewPrivileges": .bool(true),
            "user": .object(["uid": .integer(0), "gid": .integer(0)]),
            "rlimits": .array([
                .object(["type": .string("RLIMIT_NOFILE"), "hard": .integer(1_048_576), "soft": .integer(1_048_576)])
            ]),
        ]),
        "linux": .object(["maskedPaths": .array([.string("/proc/acpi")])]),
    ])

    /// The case nodeadm lost before its merge fix: keys of `baseRuntimeSpec` from two NodeConfig
    /// parts, one of them with `process.rlimits`, must all survive, whichever part comes last.
    @Test(arguments: [(otherRuntimeSpecKeys, rlimits), (rlimits, otherRuntimeSpecKeys)])
    func baseRuntimeSpecKeysFromEveryPartSurvive(first: String, second: String) {
        let userData = Self.karpenterUserData([
            Self.shellScript, ("application/node.eks.aws", first), ("application/node.eks.aws", second),
        ])
        let result = Pipeline.decodeUserData(userData)
        #expect(result.diagnostics.isEmpty)
        #expect(result.skipped == ["user-data part 1 (text/x-shellscript) is not for nodeprep"])
        #expect(
            result.origins == [
                "user-data part 2 (application/node.eks.aws)", "user-data part 3 (application/node.eks.aws)",
            ])
        #expect(result.merged.nodeConfig?.containerd.baseRuntimeSpec == Self.mergedRuntimeSpec)
    }

    static func karpenterGenerated(metadata: String) -> String {
        """
        # Karpenter Generated NodeConfig
        apiVersion: node.eks.aws/v1alpha1
        kind: NodeConfig
        \(metadata)
        spec:
          cluster:
            apiServerEndpoint: https://0123456789ABCDEF.gr7.us-west-2.eks.amazonaws.com
            certificateAuthority: \(certificate)
            cidr: 10.100.0.0/16
            name: nodeprep-test
          containerd: {}
          instance:
            localStorage: {}
          kubelet:
            config:
              clusterDNS:
              - 10.100.0.10
              maxPods: 29
              registerWithTaints:
              - effect: NoExecute
                key: karpenter.sh/unregistered
            flags:
            - --node-labels="karpenter.sh/capacity-type=on-demand,karpenter.sh/nodepool=default"

        """
    }

    /// Karpenter's own part comes last, with `containerd: {}` and an empty `metadata` in either of
    /// the forms its releases wrote; it must neither fail nor clear the user's runtime spec.
    @Test(arguments: ["metadata: {}", "metadata:\n  creationTimestamp: null"])
    func karpenterGeneratedPartLast(metadata: String) {
        let userData = Self.karpenterUserData([
            Self.shellScript, ("application/node.eks.aws", Self.rlimits),
            ("application/node.eks.aws", Self.karpenterGenerated(metadata: metadata)),
        ])
        let result = Pipeline.decodeUserData(userData)
        #expect(result.diagnostics.isEmpty)
        let merged = result.merged.nodeConfig
        #expect(merged?.cluster.name == "nodeprep-test")
        #expect(merged?.cluster.certificateAuthority == Self.certificate)
        let rlimits = merged?.containerd.baseRuntimeSpec?["process"]?["rlimits"]
        #expect(rlimits == Self.mergedRuntimeSpec["process"]?["rlimits"])
        #expect(merged?.kubelet.config?["maxPods"] == .integer(29))
        #expect(
            merged?.kubelet.flags == [
                "--node-labels=\"karpenter.sh/capacity-type=on-demand,karpenter.sh/nodepool=default\""
            ])
    }

    /// Karpenter's own fixtures end with an opening delimiter and nothing after it; hand-written user
    /// data often just stops after the last part.
    @Test(arguments: ["--//\n", "--//", ""])
    func missingClosingDelimiter(closing: String) {
        let userData = Self.karpenterUserData(
            [Self.shellScript, ("application/node.eks.aws", Self.karpenterGenerated(metadata: "metadata: {}"))],
            closing: closing)
        let result = Pipeline.decodeUserData(userData)
        #expect(result.diagnostics.isEmpty)
        #expect(result.nodeConfigs.map(\.cluster.name) == ["nodeprep-test"])
    }

    /// terraform's cloudinit provider: the first header line ends in LF, the rest of the top header
    /// in CRLF; part headers (sorted, `Mime-Version`) and delimiters CRLF; bodies keep their LF.
    static func terraformUserData(nodeConfig: String, closed: Bool = true) -> [UInt8] {
        let partHeaders = { (type: String) in
            "Content-Transfer-Encoding: 7bit\r\nContent-Type: \(type)\r\nMime-Version: 1.0\r\n\r\n"
        }
        let text =
            "Content-Type: multipart/mixed; boundary=\"MIMEBOUNDARY\"\nMIME-Version: 1.0\r\n\r\n"
            + "--MIMEBOUNDARY\r\n" + partHeaders("text/x-shellscript") + "#!/bin/bash\necho pre-nodeadm\n"
            + "\r\n--MIMEBOUNDARY\r\n" + partHeaders("application/node.eks.aws") + nodeConfig
            + "\r\n--MIMEBOUNDARY\r\n" + partHeaders("text/x-shellscript") + "#!/bin/bash\necho post-nodeadm\n"
            + (closed ? "\r\n--MIMEBOUNDARY--\r\n" : "\r\n")
        return Encoding.base64(text)
    }

    static func terraformNodeConfig(cidrField: String = "cidr") -> String {
        """
        ---
        apiVersion: node.eks.aws/v1alpha1
        kind: NodeConfig
        spec:
          cluster:
            name: tf-cluster
            apiServerEndpoint: https://FEDCBA9876543210.yl4.eu-west-1.eks.amazonaws.com
            certificateAuthority: \(certificate)
            \(cidrField): 172.20.0.0/16

        """
    }

    @Test(arguments: [true, false])
    func terraformMixedLineBreaks(closed: Bool) {
        let result = Pipeline.decodeUserData(
            Self.terraformUserData(nodeConfig: Self.terraformNodeConfig(), closed: closed))
        #expect(result.diagnostics.isEmpty)
        #expect(result.origins == ["user-data part 2 (application/node.eks.aws)"])
        let cluster = result.nodeConfigs.first?.cluster
        #expect(cluster?.name == "tf-cluster")
        #expect(cluster?.cidr == "172.20.0.0/16")
        #expect(cluster?.apiServerEndpoint == "https://FEDCBA9876543210.yl4.eu-west-1.eks.amazonaws.com")
        #expect(
            result.skipped == [
                "user-data part 1 (text/x-shellscript) is not for nodeprep",
                "user-data part 3 (text/x-shellscript) is not for nodeprep",
            ])
    }

    /// Lines are counted within the part body, whatever line breaks the headers around it used.
    @Test func terraformPartErrorsCountLinesInThePart() {
        let result = Pipeline.decodeUserData(
            Self.terraformUserData(nodeConfig: Self.terraformNodeConfig(cidrField: "serviceCidr")))
        #expect(
            result.errors == [
                "user-data part 2 (application/node.eks.aws) line 9:5: unknown field spec.cluster.serviceCidr"
            ])
    }
}
