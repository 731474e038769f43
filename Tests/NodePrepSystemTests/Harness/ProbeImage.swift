import Foundation

/// A tiny one-layer image built by the test itself (Support/make-probe-image.sh, no network) and
/// pushed with skopeo into a loopback registry.
///
/// The digests come from the bytes the script wrote, not from anything containerd reports, so a
/// test can compare what containerd pulled against what was pushed.
struct ProbeImage: Sendable {
    /// Repository path inside the registry, e.g. `library/nodeprep-probe`.
    let repository: String
    let tag: String
    let manifestDigest: String
    let configDigest: String
    let layerDigest: String
    /// The OCI layout folder the image was built in.
    let layoutPath: String

    /// The compressed layer exactly as pushed.
    func layerBytes() throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: blobPath(layerDigest)))
    }

    private func blobPath(_ digest: String) -> String {
        "\(layoutPath)/blobs/sha256/\(digest.replacingOccurrences(of: "sha256:", with: ""))"
    }
}

extension ContainerdRig {
    /// Builds the probe image and pushes it to `registry` as `repository:tag`.
    ///
    /// `library/nodeprep-probe` is what `docker.io/library/nodeprep-probe:1` resolves to, so the
    /// same image answers for a docker.io reference once hosts.toml sends docker.io to the mirror.
    func pushProbeImage(
        to registry: LoopbackRegistry, repository: String = "library/nodeprep-probe",
        tag: String = "1", marker: String = "nodeprep probe"
    ) async throws -> ProbeImage {
        guard
            let script = Bundle.module.path(
                forResource: "make-probe-image", ofType: "sh", inDirectory: "Support")
        else {
            throw HarnessError("Support/make-probe-image.sh is missing from the test bundle")
        }
        let layout = scratch.path("image-\(tag)")
        let built = try await run([tools.shell, script, layout, tag, marker], logName: "make-image")
        guard built.succeeded else { throw HarnessError("building the probe image failed: \(built)") }
        let digests = Dictionary(
            built.stdout.split(separator: "\n").compactMap { line -> (String, String)? in
                let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
                return parts.count == 2 ? (parts[0], parts[1]) : nil
            },
            uniquingKeysWith: { first, _ in first })
        guard let manifest = digests["manifest"], let config = digests["config"],
            let layer = digests["layer"]
        else {
            throw HarnessError("make-probe-image.sh printed no digests: \(built)")
        }

        // --insecure-policy: no /etc/containers/policy.json needed; --dest-tls-verify=false: plain HTTP.
        let pushed = try await run(
            [
                tools.skopeo, "copy", "--quiet", "--insecure-policy", "--dest-tls-verify=false",
                "oci:\(layout):\(tag)", "docker://\(registry.address)/\(repository):\(tag)",
            ],
            logName: "skopeo-copy")
        guard pushed.succeeded else { throw HarnessError("skopeo could not push the probe image: \(pushed)") }
        return ProbeImage(
            repository: repository, tag: tag, manifestDigest: manifest, configDigest: config,
            layerDigest: layer, layoutPath: layout)
    }
}
