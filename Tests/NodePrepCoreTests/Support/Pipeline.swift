import Testing

@testable import NodePrepCore

/// Runs input through nodeprep's real decoding and merging, as `config check` and `config dump` do.
enum Pipeline {
    static let userDataName = "user-data"

    static func decodeUserData(_ bytes: [UInt8]) -> UserDataDecoder.Result {
        UserDataDecoder().decode(bytes, source: userDataName, kind: .userData)
    }

    static func decodeUserData(_ text: String) -> UserDataDecoder.Result {
        decodeUserData(Encoding.utf8(text))
    }

    static func decodeFile(_ text: String, name: String = "nodeprep.yaml") -> UserDataDecoder.Result {
        UserDataDecoder().decode(Encoding.utf8(text), source: name, kind: .file)
    }

    /// Each text is one file source (`10.yaml`, `20.yaml`, …), merged in order.
    static func resolveFiles(_ texts: [String]) -> ConfigResolution {
        let inputs = texts.enumerated().map { index, text in
            SourceInput(name: "\(index + 1)0.yaml", bytes: Encoding.utf8(text), kind: .file)
        }
        return ConfigResolution(inputs: inputs)
    }

    /// Merges documents given as separate files, recording an issue if any of them has an error.
    static func merge(_ texts: String..., sourceLocation: SourceLocation = #_sourceLocation) -> ResolvedConfig {
        let resolution = resolveFiles(texts)
        if !resolution.errors.isEmpty {
            Issue.record("unexpected errors: \(resolution.errors)", sourceLocation: sourceLocation)
        }
        return resolution.config
    }

    /// The merged NodeConfig of documents given as separate files (empty spec when none).
    static func mergeNodeConfigs(_ specs: String..., sourceLocation: SourceLocation = #_sourceLocation)
        -> NodeConfigSpec
    {
        let resolution = resolveFiles(specs.map(Document.nodeConfig))
        if !resolution.errors.isEmpty {
            Issue.record("unexpected errors: \(resolution.errors)", sourceLocation: sourceLocation)
        }
        return resolution.config.nodeConfig ?? NodeConfigSpec()
    }
}

extension UserDataDecoder.Result {
    /// Error diagnostics as printed: `user-data part 2 (application/node.eks.aws) line 7:5: …`.
    var errors: [String] { diagnostics.filter { $0.severity == .error }.map(\.description) }
    var warnings: [String] { diagnostics.filter { $0.severity == .warning }.map(\.description) }

    var nodeConfigs: [NodeConfigSpec] {
        documents.compactMap { document in
            if case .nodeConfig(let spec) = document.content { return spec }
            return nil
        }
    }

    var mirrorConfigs: [MirrorConfigSpec] {
        documents.compactMap { document in
            if case .mirrorConfig(let spec) = document.content { return spec }
            return nil
        }
    }

    /// The origin of each document, as printed.
    var origins: [String] { documents.map(\.origin.description) }

    /// Merges the decoded documents in order.
    var merged: ResolvedConfig { ResolvedConfig(merging: documents) }
}

extension ConfigResolution {
    var errors: [String] { diagnostics.filter { $0.severity == .error }.map(\.description) }
}

/// YAML documents for tests. Specs are written unindented, at `spec:` level, and indented here.
enum Document {
    static func nodeConfig(_ spec: String) -> String {
        "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n" + indented(spec)
    }

    static func mirrorConfig(_ spec: String) -> String {
        "apiVersion: nodeprep.dev/v1alpha1\nkind: MirrorConfig\nspec:\n" + indented(spec)
    }

    private static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "  " + $0 }
            .joined(separator: "\n") + (text.hasSuffix("\n") ? "" : "\n")
    }
}
