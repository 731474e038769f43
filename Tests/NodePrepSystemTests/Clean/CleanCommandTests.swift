import Foundation
import Testing

/// `nodeprep clean` (the built binary) on real files: a node prepared by `init` goes back to what
/// it was before, and an image cleaned that way prepares like a fresh one for the next instance.
@Suite(.serialized) struct CleanCommandTests {
    /// An image's own config.toml and a registry folder from before nodeprep.
    static let imageConfig = """
        version = 2

        [plugins."io.containerd.grpc.v1.cri".containerd]
        discard_unpacked_layers = true

        """
    static let imageHosts =
        "server = \"https://registry-1.docker.io\"\n\n[host.\"https://cache.example\"]\ncapabilities = [\"pull\"]\n"

    let work: TemporaryFolder

    init() throws {
        work = try TemporaryFolder()
    }

    static func userData(target: String) -> [KarpenterStyleUserData.Part] {
        [
            KarpenterStyleUserData.userNodeConfig,
            KarpenterStyleUserData.mirrorConfig(targets: [target]),
            KarpenterStyleUserData.generatedNodeConfig,
        ]
    }

    /// A node root as an image ships it.
    func imageRoot(_ name: String, withConfig: Bool = true) throws -> String {
        if withConfig {
            _ = try work.write("\(name)/etc/containerd/config.toml", Array(Self.imageConfig.utf8))
            _ = try work.write("\(name)/etc/containerd/certs.d/docker.io/hosts.toml", Array(Self.imageHosts.utf8))
        } else {
            try FileManager.default.createDirectory(atPath: work.path(name), withIntermediateDirectories: true)
        }
        return work.path(name)
    }

    func initNode(_ root: String, target: String = "http://${NODE_IP}:30020", address: String = "10.1.0.5") throws {
        let source = try work.write(
            "user-data-\(abs(target.hashValue)).mime",
            Array(KarpenterStyleUserData.mime(Self.userData(target: target)).utf8))
        let result = try NodePrepBinary.run([
            "init", "--root", root, "-c", "file://" + source, "--node-address", address, "--containerd-version",
            "1.7.20",
        ])
        #expect(result.status == 0, "\(result.stderr)")
    }

    func clean(_ root: String, _ options: [String] = []) throws -> NodePrepBinary.Result {
        try NodePrepBinary.run(["clean", "--root", root] + options)
    }

    func tree(_ root: String, _ folder: String = "etc") throws -> [String: String] {
        try NodeTree.capture(root + "/" + folder)
    }

    @Test func cleanRestoresTheImage() throws {
        let root = try imageRoot("node")
        let image = try tree(root)
        try initNode(root)
        _ = try work.write("node/run/nodeprep/user-data", Array("kept by init".utf8))
        #expect(try tree(root) != image)

        let result = try clean(root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("wrote /etc/containerd/config.toml"), "\(result.stdout)")
        #expect(
            result.stdout.contains("restored 1 entries of /etc/containerd/certs.d from _backup"), "\(result.stdout)")
        #expect(try tree(root) == image)
        #expect(!FileInspection.exists(root + "/var/lib/nodeprep/containerd-config.json"))
        #expect(!FileInspection.exists(root + "/run/nodeprep"))

        let again = try clean(root)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("nothing to clean"), "\(again.stdout)")
    }

    /// No config.toml before: nodeprep's template output and its runtime spec go; no file is left.
    @Test func cleanRemovesWhatNodeprepCreated() throws {
        let root = try imageRoot("bare", withConfig: false)
        try initNode(root)
        #expect(FileInspection.exists(root + "/etc/containerd/base-runtime-spec.json"))
        let result = try clean(root)
        #expect(result.status == 0, "\(result.stderr)")
        let files = try tree(root).filter { $0.value.hasPrefix("file") }
        #expect(files.isEmpty, "\(files)")
        #expect(try tree(root, "var").filter { $0.value.hasPrefix("file") }.isEmpty)
    }

    /// The bake: prepared for one instance, cleaned, prepared for another with other user data and
    /// another address; the result is what a fresh image gives for the second instance.
    @Test func cleanedImagePreparesLikeAFreshOne() throws {
        let baked = try imageRoot("baked")
        try initNode(baked, target: "http://${NODE_IP}:30020", address: "10.1.0.5")
        #expect(try clean(baked).status == 0)
        try initNode(baked, target: "http://${NODE_IP}:30021", address: "10.2.0.9")

        let fresh = try imageRoot("fresh")
        try initNode(fresh, target: "http://${NODE_IP}:30021", address: "10.2.0.9")
        #expect(try tree(baked) == tree(fresh))
        // The run record carries its finishing time, so only its presence is compared.
        let runRecord = "lib/nodeprep/last-run.json"
        let (bakedState, freshState) = (try tree(baked, "var"), try tree(fresh, "var"))
        #expect(bakedState[runRecord] != nil && freshState[runRecord] != nil)
        #expect(bakedState.filter { $0.key != runRecord } == freshState.filter { $0.key != runRecord })
        #expect(try tree(baked).values.joined().contains("10.2.0.9:30021"))
        #expect(try !tree(baked).values.joined().contains("10.1.0.5"))
    }

    @Test func foreignConfigIsRefusedUnlessForced() throws {
        let root = try imageRoot("node")
        try initNode(root)
        let foreign = "version = 2\n# written by a bootstrap script\n"
        _ = try work.write("node/etc/containerd/config.toml", Array(foreign.utf8))
        let before = try NodeTree.capture(root)

        let refused = try clean(root)
        #expect(refused.status == 65)
        #expect(
            refused.stderr.contains("/etc/containerd/config.toml was replaced since nodeprep wrote it"),
            "\(refused.stderr)")
        #expect(refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try NodeTree.capture(root) == before)

        let forced = try clean(root, ["--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(FileInspection.bytes(root + "/etc/containerd/config.toml") == Array(Self.imageConfig.utf8))
    }

    /// base-runtime-spec.json that was there before nodeprep (nodeadm's) is not nodeprep's to remove.
    @Test func someoneElsesRuntimeSpecStays() throws {
        let root = try imageRoot("node")
        _ = try work.write("node/etc/containerd/base-runtime-spec.json", Array("{}\n".utf8))
        try initNode(root)
        #expect(try clean(root).status == 0)
        #expect(FileInspection.exists(root + "/etc/containerd/base-runtime-spec.json"))
    }

    @Test func dryRunListsAndChangesNothing() throws {
        let root = try imageRoot("node")
        try initNode(root)
        let before = try NodeTree.capture(root)
        let result = try clean(root, ["--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("update /etc/containerd/config.toml"), "\(result.stdout)")
        #expect(result.stdout.contains("+discard_unpacked_layers = true"), "\(result.stdout)")
        #expect(result.stdout.contains("remove /etc/containerd/certs.d/docker.io"), "\(result.stdout)")
        #expect(result.stdout.contains("restore the entries of /etc/containerd/certs.d/_backup"), "\(result.stdout)")
        #expect(result.stdout.contains("remove /var/lib/nodeprep/containerd-config.json"), "\(result.stdout)")
        #expect(try NodeTree.capture(root) == before)
    }
}
