import NodePrepCore
import Testing

/// A rig with a loopback registry that already holds the probe image, the starting point of
/// every mirror test.
struct MirrorSetup {
    let rig: ContainerdRig
    let registry: LoopbackRegistry
    let image: ProbeImage

    static func with<T>(_ label: String, _ body: (MirrorSetup) async throws -> T) async throws -> T {
        try await ContainerdRig.with(label) { rig in
            let registry = try await rig.startRegistry()
            let image = try await rig.pushProbeImage(to: registry)
            return try await body(MirrorSetup(rig: rig, registry: registry, image: image))
        }
    }

    /// Writes `files` into a fresh node root and boots containerd from its config.toml.
    func boot(_ files: [PlannedFile]) async throws -> (NodeRoot, ContainerdDaemon) {
        let node = try rig.makeNodeRoot(with: files)
        return (node, try await rig.startContainerd(node: node))
    }

    /// Expects that containerd fetched the manifest from the mirror on behalf of docker.io, and
    /// that the image it recorded is the pushed one: same manifest digest, every blob present.
    func expectPulledThroughMirror(
        _ reference: String, by daemon: ContainerdDaemon, namespace: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let mirrored = registry.containerdRequests().filter {
            $0.isManifest(of: image.repository) && $0.namespace == "docker.io" && $0.status == 200
        }
        #expect(!mirrored.isEmpty, "\(registry.requests())", sourceLocation: sourceLocation)

        let check = try await daemon.ctr(["images", "check"], namespace: namespace)
        let line = check.stdout.split(separator: "\n").first { $0.hasPrefix(reference + " ") }
        #expect(line?.contains(image.manifestDigest) == true, "\(check)", sourceLocation: sourceLocation)
        #expect(line?.contains("complete") == true, "\(check)", sourceLocation: sourceLocation)
    }
}
