import Foundation
import NodePrepCore
import Testing

/// Pulls through a real containerd 1.6.20 from a real registry on loopback, routed only by the
/// hosts.toml / config.toml files of nodeprep's shape. Each negative twin differs from its positive
/// test in one file, so each success is owed to that file. Everything runs in a loopback-only
/// network namespace: the upstream fallback to registry-1.docker.io fails at once, off the wire.
@Suite struct MirrorPullTests {
    private static let reference = "docker.io/library/nodeprep-probe:1"

    /// What a test has to hand: the registry with the probe image in it, and a node root.
    private struct Mirror {
        let rig: ContainerdRig
        let registry: LoopbackRegistry
        let image: ProbeImage
    }

    private static func withMirror<T>(_ label: String, _ body: (Mirror) async throws -> T) async throws -> T {
        try await ContainerdRig.with(label) { rig in
            let registry = try await rig.startRegistry()
            let image = try await rig.pushProbeImage(to: registry)
            return try await body(Mirror(rig: rig, registry: registry, image: image))
        }
    }

    /// The manifest requests containerd sent to the mirror on behalf of docker.io.
    private static func mirroredManifestRequests(_ mirror: Mirror) -> [RegistryRequest] {
        mirror.registry.containerdRequests().filter {
            $0.isManifest(of: mirror.image.repository) && $0.namespace == "docker.io" && $0.status == 200
        }
    }

    // MARK: ctr with a hosts folder (hosts.toml alone)

    @Test func dockerHubHostsTomlRoutesPullToMirror() async throws {
        try await Self.withMirror("ctr-docker") { mirror in
            let node = try mirror.rig.makeNodeRoot(with: HandWrittenNodeFiles.dockerHubMirrorNode(mirror: mirror.registry.url))
            let daemon = try await mirror.rig.startContainerd(nodeRoot: node.path)

            let pull = try await daemon.ctr(
                ["images", "pull", "--hosts-dir", node.hostPath(HandWrittenNodeFiles.certsDirectory), Self.reference])

            #expect(pull.succeeded, "\(pull)")
            #expect(!Self.mirroredManifestRequests(mirror).isEmpty, "\(mirror.registry.requests())")
            try await Self.expectPulledIntact(mirror.image, by: daemon, namespace: "default")
        }
    }

    @Test func defaultHostsTomlRoutesPullToMirror() async throws {
        try await Self.withMirror("ctr-default") { mirror in
            let node = try mirror.rig.makeNodeRoot(with: [
                HandWrittenNodeFiles.config(), HandWrittenNodeFiles.baseRuntimeSpec(),
                HandWrittenNodeFiles.hostsToml(registry: nil, server: nil, mirrors: [mirror.registry.url]),
            ])
            let daemon = try await mirror.rig.startContainerd(nodeRoot: node.path)

            let pull = try await daemon.ctr(
                ["images", "pull", "--hosts-dir", node.hostPath(HandWrittenNodeFiles.certsDirectory), Self.reference])

            #expect(pull.succeeded, "\(pull)")
            #expect(!Self.mirroredManifestRequests(mirror).isEmpty, "\(mirror.registry.requests())")
            try await Self.expectPulledIntact(mirror.image, by: daemon, namespace: "default")
        }
    }

    /// The twin of the two tests above with an empty hosts folder: containerd goes to
    /// registry-1.docker.io, which the namespace cannot reach, and the mirror sees nothing.
    @Test func emptyHostsFolderDoesNotReachMirror() async throws {
        try await Self.withMirror("ctr-none") { mirror in
            let node = try mirror.rig.makeNodeRoot(with: [
                HandWrittenNodeFiles.config(), HandWrittenNodeFiles.baseRuntimeSpec(),
            ])
            let hosts = try mirror.rig.scratch.makeDirectory("empty-certs.d")
            let daemon = try await mirror.rig.startContainerd(nodeRoot: node.path)

            let started = ContinuousClock.now
            let pull = try await daemon.ctr(["images", "pull", "--hosts-dir", hosts, Self.reference])

            #expect(!pull.succeeded)
            #expect(!pull.timedOut)
            #expect(ContinuousClock.now - started < .seconds(10))
            #expect(pull.stderr.contains("registry-1.docker.io"), "\(pull)")
            #expect(mirror.registry.containerdRequests().isEmpty)
        }
    }

    // MARK: CRI (config.toml's config_path and hosts.toml together, as the kubelet pulls)

    @Test func criPullFollowsConfigPathToMirror() async throws {
        try await Self.withMirror("cri-mirror") { mirror in
            let node = try mirror.rig.makeNodeRoot(with: HandWrittenNodeFiles.dockerHubMirrorNode(mirror: mirror.registry.url))
            let daemon = try await mirror.rig.startContainerd(nodeRoot: node.path)

            let pulled = try await daemon.cri.pullImage(Self.reference)

            #expect(try pulled.get() == mirror.image.configDigest)
            #expect(!Self.mirroredManifestRequests(mirror).isEmpty, "\(mirror.registry.requests())")
            try await Self.expectPulledIntact(mirror.image, by: daemon, namespace: "k8s.io")
        }
    }

    /// The twin without `config_path`: the same hosts.toml on disk is never read.
    @Test func criPullWithoutConfigPathIgnoresHostsToml() async throws {
        try await Self.withMirror("cri-nopath") { mirror in
            let files = HandWrittenNodeFiles.dockerHubMirrorNode(mirror: mirror.registry.url)
                .filter { $0.path != HandWrittenNodeFiles.configPath }
                + [HandWrittenNodeFiles.config(registryConfigPath: nil)]
            let node = try mirror.rig.makeNodeRoot(with: files)
            let daemon = try await mirror.rig.startContainerd(nodeRoot: node.path)

            let pulled = try await daemon.cri.pullImage(Self.reference)

            guard case .failure(let error) = pulled else {
                Issue.record("pull succeeded without config_path")
                return
            }
            #expect(error.message.contains("registry-1.docker.io"), "\(error)")
            #expect(mirror.registry.containerdRequests().isEmpty)
        }
    }

    // MARK: discard_unpacked_layers (Spegel serves layers from containerd's content store)

    @Test func keptLayersStayInContentStore() async throws {
        try await Self.withMirror("keep") { mirror in
            let node = try mirror.rig.makeNodeRoot(
                with: HandWrittenNodeFiles.dockerHubMirrorNode(mirror: mirror.registry.url, discardUnpackedLayers: false))
            let daemon = try await mirror.rig.startContainerd(nodeRoot: node.path)
            _ = try await daemon.cri.pullImage(Self.reference).get()

            // Garbage collection runs within a second of the pull; give it time to remove the layer.
            try await Task.sleep(for: .seconds(2))
            let layer = try await daemon.ctr(["content", "get", mirror.image.layerDigest], namespace: "k8s.io")
            #expect(layer.succeeded, "\(layer)")
            #expect(layer.stdoutData == (try mirror.image.layerBytes()))
        }
    }

    /// The twin with `discard_unpacked_layers = true` (the EKS AMI's setting): the layer blob is
    /// gone after the unpack, so a Spegel on this node could not serve it to others.
    @Test func discardedLayersLeaveContentStore() async throws {
        try await Self.withMirror("discard") { mirror in
            let node = try mirror.rig.makeNodeRoot(
                with: HandWrittenNodeFiles.dockerHubMirrorNode(mirror: mirror.registry.url, discardUnpackedLayers: true))
            let daemon = try await mirror.rig.startContainerd(nodeRoot: node.path)
            _ = try await daemon.cri.pullImage(Self.reference).get()

            let deadline = ContinuousClock.now + .seconds(10)
            var layer = try await daemon.ctr(["content", "get", mirror.image.layerDigest], namespace: "k8s.io")
            while layer.succeeded && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
                layer = try await daemon.ctr(["content", "get", mirror.image.layerDigest], namespace: "k8s.io")
            }
            #expect(!layer.succeeded)
            #expect(layer.stderr.contains("not found"), "\(layer)")
        }
    }

    /// The image containerd recorded is the pushed one: same manifest digest, every blob present.
    private static func expectPulledIntact(
        _ image: ProbeImage, by daemon: ContainerdDaemon, namespace: String
    ) async throws {
        let check = try await daemon.ctr(["images", "check"], namespace: namespace)
        let line = check.stdout.split(separator: "\n").first { $0.hasPrefix(reference + " ") }
        #expect(line?.contains(image.manifestDigest) == true, "\(check)")
        #expect(line?.contains("complete") == true, "\(check)")
    }
}
