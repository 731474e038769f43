import Foundation
import Testing

/// Bad user data and bad node state: each case must exit non-zero with an error that says what
/// is wrong (and where, when there is a part and a line), and leave the node exactly as it was.
@Suite(.serialized) struct BadInputTests {
    /// No refusal may flood the terminal or the journal, whatever the input's size.
    static let maximumErrorOutput = 64 * 1024
    /// The README's promise: each problem is one line of at most 500 characters (counted in Unicode
    /// scalars, which a long run of combining marks cannot hide behind).
    static let maximumLineLength = 500

    static func overlongLines(_ output: String) -> [Substring] {
        output.split(separator: "\n").filter { $0.unicodeScalars.count > maximumLineLength }
    }

    @Test(arguments: BadInput.all)
    func isRefusedAndChangesNothing(_ input: BadInput) async throws {
        let node = try BadInputNode()
        let before = try node.snapshot()
        let (result, sourceName) = try await node.run(
            source: input.bytes, delivery: input.delivery, containerdVersion: input.containerdVersion,
            nodeAddress: input.nodeAddress)
        #expect(result.status == input.exitCode, "\(result.stderr)")
        for fragment in input.fragments {
            // A fragment starting with " part", " line" or ":" follows the source's name.
            let expected = fragment.hasPrefix(" ") || fragment.hasPrefix(":") ? sourceName + fragment : fragment
            #expect(result.stderr.contains(expected), "missing: \(expected)\n\(result.stderr.prefix(4000))")
        }
        #expect(result.stderr.utf8.count < Self.maximumErrorOutput)
        #expect(Self.overlongLines(result.stderr).isEmpty, "\(Self.overlongLines(result.stderr).map(\.count))")
        #expect(!result.stderr.contains("hunter2"))
        #expect(try node.snapshot() == before)
        #expect(!FileInspection.exists(node.root + "/var/lib/nodeprep"))
    }

    @Test(arguments: BadNodeState.all)
    func badNodeStateIsRefusedAndChangesNothing(_ state: BadNodeState) async throws {
        let node = try BadInputNode()
        try state.plant(node.root, node.outside)
        let before = try node.snapshot()
        let result = try await node.runWithValidConfig()
        #expect(result.status == state.exitCode, "\(result.stderr)")
        for fragment in state.fragments {
            #expect(result.stderr.contains(fragment), "missing: \(fragment)\n\(result.stderr)")
        }
        #expect(try node.snapshot() == before)
    }

    @Test func corpusHasAtLeastFiftyNamedCases() {
        let names = BadInput.all.map(\.name) + BadNodeState.all.map(\.name)
        #expect(names.count >= 50)
        #expect(Set(names).count == names.count)
    }
}
