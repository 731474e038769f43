import Foundation
import NodePrepCore
import Testing

@testable import NodePrepSystem

/// nodeprep's record from the last run (`containerd-config.json`) that cannot be read is reported and
/// set aside: the node's config.toml becomes the base, as on a node nodeprep never ran on.
@Suite struct NodeInspectorRecordTests {
    @Test func aCorruptRecordIsAWarningAndNoRecord() async throws {
        let root = try TemporaryFolder()
        _ = try root.write("var/lib/nodeprep/containerd-config.json", Array("{\"written\": [".utf8))
        _ = try root.write("etc/containerd/config.toml", Array("version = 2\n".utf8))
        let inspector = NodeInspector(
            fileSystem: NodeFileSystem(root: root.path), containerdVersion: ContainerdVersion(parsing: "1.7.20"))
        let snapshot = try await inspector.snapshot(mirror: nil, nodeAddress: nil)
        #expect(snapshot.containerdConfigState == nil)
        #expect(snapshot.containerdConfig == "version = 2\n")
        #expect(snapshot.warnings.count == 1)
        #expect(
            snapshot.warnings.first?.hasPrefix(
                "ignoring /var/lib/nodeprep/containerd-config.json, which is not a record nodeprep can read") == true)

        let output = try InitPlanner.plan(ResolvedConfig(merging: []), node: snapshot)
        #expect(output.warnings.contains(try #require(snapshot.warnings.first)))
        #expect(output.summary.contains("based on the existing /etc/containerd/config.toml"))
    }
}
