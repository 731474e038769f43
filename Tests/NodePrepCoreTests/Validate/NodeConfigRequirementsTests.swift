import Foundation
import Testing

@testable import NodePrepCore

/// `config check`'s required fields, checked on the merged NodeConfig.
@Suite struct NodeConfigRequirementsTests {
    static let complete = """
        cluster:
          name: prod
          apiServerEndpoint: https://example.invalid
          certificateAuthority: bm9kZXByZXAgdGVzdCBDQQ==
          cidr: 10.100.0.0/16

        """

    private func problems(_ specs: String...) -> [String] {
        let resolution = Pipeline.resolveFiles(specs.map(Document.nodeConfig))
        #expect(resolution.errors.isEmpty)
        return NodeConfigRequirements.problems(in: resolution.config).map(\.description)
    }

    @Test func aCompleteConfigHasNoProblems() {
        #expect(problems(Self.complete).isEmpty)
    }

    @Test func requiredFieldsMaySpreadOverDocuments() {
        #expect(
            problems(
                "cluster:\n  name: prod\n  cidr: fd00::/108\n",
                "cluster:\n  apiServerEndpoint: https://example.invalid\n  certificateAuthority: bm9kZXByZXAgdGVzdCBDQQ==\n"
            ).isEmpty)
    }

    @Test func noNodeConfigAtAll() {
        let resolution = Pipeline.resolveFiles([Document.mirrorConfig("{}")])
        #expect(
            NodeConfigRequirements.problems(in: resolution.config).map(\.description) == [
                "merged NodeConfig: no NodeConfig document was found in any source"
            ])
    }

    @Test func everyMissingFieldIsNamed() {
        #expect(
            problems("cluster: {}") == [
                "merged NodeConfig: spec.cluster.name is missing",
                "merged NodeConfig: spec.cluster.apiServerEndpoint is missing",
                "merged NodeConfig: spec.cluster.certificateAuthority is missing",
                "merged NodeConfig: spec.cluster.cidr is missing",
            ])
    }

    @Test(arguments: ["name", "apiServerEndpoint", "certificateAuthority", "cidr"])
    func eachRequiredField(field: String) {
        let without = Self.complete.split(separator: "\n").filter { !$0.contains(field + ":") }.joined(separator: "\n")
        #expect(problems(without) == ["merged NodeConfig: spec.cluster.\(field) is missing"])
        let empty = Self.complete.replacingField(field, with: "\"\"")
        #expect(problems(empty) == ["merged NodeConfig: spec.cluster.\(field) is missing"])
    }

    @Test(arguments: ["10.100.0.0", "10.100.0.0/33", "example.com/16", "10.100.0.0/16 "])
    func cidrMustBeACIDRBlock(cidr: String) {
        #expect(
            problems(Self.complete.replacingField("cidr", with: "\"\(cidr)\"")) == [
                "merged NodeConfig: spec.cluster.cidr \"\(cidr)\" is not a CIDR block"
            ])
    }

    @Test func outpostNeedsAnID() {
        #expect(
            problems(Self.complete, "cluster:\n  enableOutpost: true\n") == [
                "merged NodeConfig: spec.cluster.id must be set when spec.cluster.enableOutpost is true"
            ])
        #expect(problems(Self.complete, "cluster:\n  enableOutpost: true\n  id: 0123-outpost\n").isEmpty)
        #expect(problems(Self.complete, "cluster:\n  enableOutpost: false\n").isEmpty)
    }
}

extension String {
    /// The spec with one `cluster` field's value replaced.
    fileprivate func replacingField(_ field: String, with value: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.trimmingCharacters(in: .whitespaces).hasPrefix(field + ":") ? "  \(field): \(value)" : String(line)
        }.joined(separator: "\n")
    }
}
