import LibFuzzerDriver
import NodePrepCore

/// A backed-up `hosts.toml` of any content, read for prependExisting (ExistingHostsReader,
/// HostTableHeaderScanner, GoTOMLStyleEncoder): planning must not crash, and every hosts.toml it
/// plans must be TOML again, since containerd ignores a file it cannot parse, mirror included.
/// The first byte picks whether the file is already in `_backup` or is about to be moved there.
runLibFuzzer { data, size in
    let bytes = inputBytes(data, size)
    guard let selector = bytes.first else { return 0 }
    let path = selector & 1 == 0 ? "_backup/docker.io/hosts.toml" : "docker.io/hosts.toml"
    let config = MirrorConfig(
        registries: ["https://docker.io"], targets: ["http://10.0.0.1:30020", "https://mirror.test"],
        prependExisting: true)
    let existing = CertsDirectorySnapshot(entries: [path: .file(Array(bytes.dropFirst()))])
    guard let plan = try? MirrorPlanner.plan(config, nodeAddress: nil, existing: existing) else { return 0 }
    for case .write(let file) in plan.steps {
        let text = String(decoding: file.contents, as: UTF8.self)
        do {
            _ = try TOMLParser.parse(text)
        } catch {
            preconditionFailure(
                "planned \(file.path) is not TOML: \(error)\n--- backed up\n"
                    + String(decoding: bytes.dropFirst(), as: UTF8.self) + "\n--- planned\n\(text)")
        }
    }
    return 0
}
