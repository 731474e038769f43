/// YAML that is broken, hostile (alias bombs, deep nesting) or not one of our documents.
extension BadInput {
    /// Nine lists, each nine aliases of the one before: 9^9 values once expanded.
    static let billionLaughs = (1...9).map { level in
        "      l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
    }.joined()

    static func kubeletConfig(_ lines: String) -> String {
        nodeConfig("  kubelet:\n    config:\n" + lines)
    }

    /// `levels` nested block mappings, `k:` inside `k:`, under kubelet.config.
    static func nestedMappings(_ levels: Int) -> String {
        kubeletConfig(
            (0..<levels).map { String(repeating: " ", count: 6 + 2 * $0) + "k:\n" }.joined()
                + String(repeating: " ", count: 6 + 2 * levels) + "v: 1\n")
    }

    static let yamlCases: [BadInput] = [
        BadInput(
            "alias bomb (billion laughs)",
            kubeletConfig("      l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + billionLaughs),
            expect: [" line 12:16: the document expands to more than 1000000 values through aliases"]),
        BadInput(
            "alias bomb used as a mapping key",
            kubeletConfig(
                "      l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + billionLaughs
                    + "      bomb: {? *l9 : 1}\n"),
            expect: [" line 12:16: the document expands to more than 1000000 values through aliases"]),
        BadInput(
            "lists nested 100 deep",
            kubeletConfig("      x: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n"),
            expect: [" line 6:70: values nest more than 64 levels deep"]),
        // Debian's libyaml 0.2.5 has no nesting limit of its own: nodeprep's composer stops at its own.
        BadInput(
            "lists nested 5000 deep",
            kubeletConfig(
                "      x: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"),
            expect: [" line 6:70: values nest more than 64 levels deep"]),
        BadInput(
            "mappings nested 100 deep", nestedMappings(100),
            expect: [" line 67:129: values nest more than 64 levels deep"]),
        BadInput(
            "alias that nests too deep where it is used",
            kubeletConfig(
                "      a: &deep " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n"
                    + "      b: " + String(repeating: "[", count: 30) + "*deep" + String(repeating: "]", count: 30)
                    + "\n"),
            expect: [" line 7:40: values nest more than 64 levels deep (through an alias)"]),
        BadInput(
            "unclosed flow list", nodeConfig("  cluster: [unclosed\n  kubelet: {}\n"),
            expect: [" line 5:10: invalid YAML: did not find expected ',' or ']'"]),
        BadInput(
            "duplicate key", nodeConfig("  cluster:\n    name: a\n    name: b\n"),
            expect: [" line 5:5: invalid YAML: key \"name\" appears more than once in a mapping"]),
        BadInput(
            "duplicate key, once quoted", nodeConfig("  cluster:\n    name: a\n    \"name\": b\n"),
            expect: ["more than once in a mapping", "\"name\""]),
        BadInput(
            "undefined alias", nodeConfig("  cluster:\n    name: *nowhere\n"),
            expect: [" line 5:11: invalid YAML: found undefined alias"]),
        BadInput(
            "document that is a list", "- apiVersion: node.eks.aws/v1alpha1\n- kind: NodeConfig\n",
            expect: [" line 1:1: the document must be a mapping, found a list"]),
        BadInput(
            "NodeConfig part that is a plain string", mime([("application/node.eks.aws", "hello")]),
            expect: [
                " part 1 (application/node.eks.aws) line 1:1: the document must be a mapping, found string \"hello\""
            ]),
        BadInput(
            "older apiVersion", "apiVersion: node.eks.aws/v1beta1\nkind: NodeConfig\nspec: {}\n",
            expect: [" line 2:7: unsupported apiVersion/kind node.eks.aws/v1beta1/NodeConfig"]),
        BadInput(
            "misspelled kind", "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfiguration\nspec: {}\n",
            expect: [" line 2:7: unsupported apiVersion/kind node.eks.aws/v1alpha1/NodeConfiguration"]),
        BadInput(
            "MirrorConfig under the NodeConfig apiVersion",
            "apiVersion: node.eks.aws/v1alpha1\nkind: MirrorConfig\nspec: {}\n",
            expect: [" line 2:7: unsupported apiVersion/kind node.eks.aws/v1alpha1/MirrorConfig"]),
        BadInput("apiVersion missing", "kind: NodeConfig\nspec: {}\n", expect: [" line 1:1: apiVersion is missing"]),
        BadInput(
            "kind missing", "apiVersion: nodeprep.dev/v1alpha1\nspec: {}\n", expect: [" line 1:1: kind is missing"]),
        BadInput(
            "apiVersion a list", "apiVersion: [node.eks.aws/v1alpha1]\nkind: NodeConfig\n",
            expect: [" line 1:13: apiVersion must be a string, found a list"]),
        BadInput(
            "NodeConfig in a MirrorConfig part, misspelled, in base64 user data",
            Array(
                base64(
                    Array(
                        mime([
                            ("application/vnd.nodeprep+yaml", "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfg\n")
                        ]).utf8)
                ).utf8), .userData,
            expect: [
                "user-data part 1 (application/vnd.nodeprep+yaml) line 2:7: unsupported apiVersion/kind node.eks.aws/v1alpha1/NodeConfg"
            ]),
    ]
}
