import Foundation
import NodePrepCore
import Testing

/// Pulls through a real containerd 1.6.20 from a real registry on loopback, routed only by
/// hosts.toml and config.toml files of nodeprep's shape. Each negative twin differs from its
/// positive test in one file, so each success is owed to that file. Everything runs in a
/// loopback-only network namespace: the fallback to registry-1.docker.io fails at once, off the wire.
@Suite struct MirrorPullTests {
    private static let reference = "docker.io/library/nodeprep-probe:1"

    /// The two hosts.toml placements nodeprep writes: per registry, and `_default` for all.
    enum HostsPlacement: CaseIterable, CustomTestStringConvertible {
        case dockerIO
        case everyRegistry

        func hostsToml(mirror: String) -> PlannedFile {
            switch self {
            case .dockerIO:
                HandWrittenNodeFiles.hostsToml(
                    registry: "docker.io", server: "https://registry-1.docker.io", mirrors: [mirror])
            case .everyRegistry:
                HandWrittenNodeFiles.hostsToml(registry: nil, server: nil, mirrors: [mirror])
            }
        }

        var testDescription: String { self == .dockerIO ? "docker.io" : "_default" }
    }

    // MARK: ctr with a hosts folder (hosts.toml alone)

    @Test(arguments: HostsPlacement.allCases)
    func hostsTomlRoutesPullToMirror(placement: HostsPlacement) async throws {
        try await MirrorSetup.with("ctr-mirror") { mirror in
            let (node, daemon) = try await mirror.boot([
                HandWrittenNodeFiles.config(), HandWrittenNodeFiles.baseRuntimeSpec(),
                placement.hostsToml(mirror: mirror.registry.url),
            ])

            let hosts = node.hostPath(HandWrittenNodeFiles.certsDirectory)
            let pull = try await daemon.ctr(["images", "pull", "--hosts-dir", hosts, Self.reference])

            #expect(pull.succeeded, "\(pull)")
            try await mirror.expectPulledThroughMirror(Self.reference, by: daemon, namespace: "default")
        }
    }

    /// The twin with an empty hosts folder: containerd goes to registry-1.docker.io, which the
    /// namespace cannot reach, and the mirror sees nothing.
    @Test func emptyHostsFolderDoesNotReachMirror() async throws {
        try await MirrorSetup.with("ctr-none") { mirror in
            let (_, daemon) = try await mirror.boot([
                HandWrittenNodeFiles.config(), HandWrittenNodeFiles.baseRuntimeSpec(),
            ])
            let hosts = try mirror.rig.scratch.makeDirectory("empty-certs.d")

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

    @Test(arguments: HostsPlacement.allCases)
    func criPullFollowsConfigPathToMirror(placement: HostsPlacement) async throws {
        try await MirrorSetup.with("cri-mirror") { mirror in
            let (_, daemon) = try await mirror.boot([
                HandWrittenNodeFiles.config(), HandWrittenNodeFiles.baseRuntimeSpec(),
                placement.hostsToml(mirror: mirror.registry.url),
            ])

            let pulled = try await daemon.cri.pullImage(Self.reference)

            #expect(try pulled.get() == mirror.image.configDigest)
            try await mirror.expectPulledThroughMirror(Self.reference, by: daemon, namespace: "k8s.io")
        }
    }

    /// The twin without `config_path`: the same hosts.toml on disk is never read.
    @Test func criPullWithoutConfigPathIgnoresHostsToml() async throws {
        try await MirrorSetup.with("cri-nopath") { mirror in
            let (_, daemon) = try await mirror.boot([
                HandWrittenNodeFiles.config(registryConfigPath: nil), HandWrittenNodeFiles.baseRuntimeSpec(),
                HostsPlacement.dockerIO.hostsToml(mirror: mirror.registry.url),
            ])

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
        try await MirrorSetup.with("keep") { mirror in
            let (_, daemon) = try await mirror.boot(
                HandWrittenNodeFiles.dockerHubMirrorNode(
                    mirror: mirror.registry.url, discardUnpackedLayers: false))
            _ = try await daemon.cri.pullImage(Self.reference).get()

            try await daemon.collectGarbage(namespace: "k8s.io")
            let layer = try await daemon.contentBlob(mirror.image.layerDigest, namespace: "k8s.io")
            #expect(layer.succeeded, "\(layer)")
            #expect(layer.stdoutData == (try mirror.image.layerBytes()))
        }
    }

    /// The twin with `discard_unpacked_layers = true` (the EKS AMI's setting): the layer blob is
    /// gone after the unpack, so a Spegel on this node could not serve it to others.
    @Test func discardedLayersLeaveContentStore() async throws {
        try await MirrorSetup.with("discard") { mirror in
            let (_, daemon) = try await mirror.boot(
                HandWrittenNodeFiles.dockerHubMirrorNode(
                    mirror: mirror.registry.url, discardUnpackedLayers: true))
            _ = try await daemon.cri.pullImage(Self.reference).get()

            try await daemon.collectGarbage(namespace: "k8s.io")
            let layer = try await daemon.contentBlob(mirror.image.layerDigest, namespace: "k8s.io")
            #expect(!layer.succeeded)
            #expect(layer.stderr.contains("not found"), "\(layer)")
        }
    }
}
