import Foundation
import Testing

/// One configuration source nodeprep must refuse, with the exit code and the words of the
/// refusal, written by hand.
///
/// Each case is run through the built binary (`nodeprep init --root …`) against a node that
/// already has containerd files, so "nothing written" is checked against real contents.
struct BadInput: Sendable, CustomTestStringConvertible {
    /// How the bytes reach nodeprep: as a `file://` source, or as EC2 user data from a loopback
    /// IMDS (then the whole payload may also be base64, and non-MIME text may be skipped).
    enum Delivery: Sendable {
        case file
        case userData
    }

    var name: String
    var bytes: [UInt8]
    var delivery: Delivery = .file
    var exitCode: Int32 = 65
    /// Fragments the error output must contain; where a part and a line exist, they are in it.
    var fragments: [String]
    var containerdVersion = "1.7.20"
    var nodeAddress = "10.20.30.40"

    var testDescription: String { name }

    init(
        _ name: String, _ bytes: [UInt8], _ delivery: Delivery = .file, exit exitCode: Int32 = 65,
        expect fragments: [String]
    ) {
        self.name = name
        self.bytes = bytes
        self.delivery = delivery
        self.exitCode = exitCode
        self.fragments = fragments
    }

    init(
        _ name: String, _ text: String, _ delivery: Delivery = .file, exit exitCode: Int32 = 65,
        expect fragments: [String]
    ) {
        self.init(name, Array(text.utf8), delivery, exit: exitCode, expect: fragments)
    }

    /// The same case with other settings.
    func with(containerdVersion: String? = nil, nodeAddress: String? = nil) -> BadInput {
        var copy = self
        copy.containerdVersion = containerdVersion ?? copy.containerdVersion
        copy.nodeAddress = nodeAddress ?? copy.nodeAddress
        return copy
    }

    /// Every case, by theme.
    static var all: [BadInput] {
        mimeCases + encodingCases + yamlCases + fieldCases + mirrorCases + containerdCases
    }
}

// MARK: - Building inputs

extension BadInput {
    static func nodeConfig(_ spec: String) -> String {
        "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n" + spec
    }

    static func mirrorConfig(_ spec: String) -> String {
        "apiVersion: nodeprep.dev/v1alpha1\nkind: MirrorConfig\nspec:\n" + spec
    }

    /// A valid MirrorConfig spec, for cases that break something else.
    static let validMirrorSpec = "  registries: [https://docker.io]\n  targets: [\"http://${NODE_IP}:30020\"]\n"

    /// Karpenter-style MIME (boundary `//`, LF) with one part per (type, body).
    static func mime(_ parts: [(String, String)]) -> String {
        KarpenterStyleUserData.mime(parts.map { KarpenterStyleUserData.Part(contentType: $0.0, body: $0.1) })
    }

    static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
    }
}
