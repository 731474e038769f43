/// `containerd.config` TOML that is broken, hostile, or for a containerd the node does not run.
extension BadInput {
    /// A NodeConfig whose `containerd.config` is `toml`, as a YAML literal block.
    static func containerdConfig(_ toml: String) -> String {
        nodeConfig(
            "  containerd:\n    config: |\n"
                + toml.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "      " + $0 }.joined(separator: "\n") + "\n")
    }

    /// The same, as a double-quoted YAML string with escapes (for characters a block cannot hold).
    static func containerdConfigEscaped(_ escapedTOML: String) -> String {
        nodeConfig("  containerd:\n    config: \"\(escapedTOML)\"\n")
    }

    static let containerdCases: [BadInput] = [
        BadInput(
            "unclosed TOML table header", containerdConfig("[plugins\nx = 1"),
            expect: [" line 5:13: spec.containerd.config is not valid TOML (its line 1:"]),
        BadInput(
            "TOML key defined twice",
            containerdConfig("[plugins.\"io.containerd.grpc.v1.cri\"]\nsandbox_image = \"a\"\nsandbox_image = \"b\""),
            expect: [" line 5:13: spec.containerd.config is not valid TOML (its line 3:"]),
        BadInput(
            "YAML where TOML belongs", containerdConfig("plugins:\n  cri: {}"),
            expect: [" line 5:13: spec.containerd.config is not valid TOML (its line 1:"]),
        BadInput(
            "NUL in TOML", containerdConfigEscaped("a = 1\\nb = 2\\0\\nc = 3"),
            expect: [" line 5:13: spec.containerd.config is not valid TOML (its line 2:6): NUL character"]),
        BadInput(
            "control character in a TOML string", containerdConfigEscaped("a = \\\"x\\x01y\\\""),
            expect: [" line 5:13: spec.containerd.config is not valid TOML (its line 1:"]),
        BadInput(
            "TOML header of 20000 parts",
            containerdConfig("[" + Array(repeating: "a", count: 20_000).joined(separator: ".") + "]\nx = 1"),
            expect: ["(its line 1:130): a key has more than 64 parts"]),
        BadInput(
            "TOML dotted key of 20000 parts inside an inline table",
            containerdConfig("x = { " + Array(repeating: "a", count: 20_000).joined(separator: ".") + " = 1 }"),
            expect: ["(its line 1:135): a key has more than 64 parts"]),
        BadInput(
            "TOML tables nested 70 deep by a header and a dotted key",
            containerdConfig(
                "[" + Array(repeating: "t", count: 40).joined(separator: ".") + "]\n"
                    + Array(repeating: "u", count: 30).joined(separator: ".") + " = 1"),
            expect: [
                "spec.containerd.config is not valid TOML: tables and arrays nest more than 64 levels deep (under t.t.t…)"
            ]),
        BadInput(
            "TOML arrays nested 300 deep",
            containerdConfig("x = " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300)),
            expect: ["spec.containerd.config is not valid TOML (its line 1:69): values nest more than 64 levels deep"]),
        BadInput(
            "TOML table header starting with a plus (aborted toml++)",
            containerdConfig(
                "version = 2\n[+plugins.\"io.containerd.grpc.v1.cri\".containerd]\nsnapshotter = \"native\""),
            expect: [
                " line 5:13: spec.containerd.config is not valid TOML (its line 2:2): a table header must start with a key"
            ]),
        BadInput(
            "version 3 plugin names on containerd 1.7",
            containerdConfig("[plugins.'io.containerd.cri.v1.images']\ndiscard_unpacked_layers = false"),
            expect: [
                "containerd.config uses config version 3 plugin names (io.containerd.cri.v1.*) but the config is version 2; containerd 1.7.20 reads only version 2"
            ]),
    ]
}
