import Foundation
import LibFuzzerDriver
import NodePrepCore

/// YAML or JSON documents, decoded, merged and planned as `nodeprep init` does: whatever is
/// accepted must plan into files containerd can read (config.toml and every hosts.toml are TOML,
/// the base runtime spec is JSON), and `config dump` must render it.
runLibFuzzer { data, size in
    let bytes = inputBytes(data, size)
    let resolution = ConfigResolution(inputs: [SourceInput(name: "fuzz", bytes: bytes, kind: .file)])
    guard let config = try? resolution.validConfig() else { return 0 }
    _ = Explanation(config).lines
    _ = config.dumpValue.rendered()
    let containerd = InstalledContainerd(ContainerdVersion(major: 1, minor: 7, patch: 20), from: .option)
    let node = NodeSnapshot(containerd: containerd, nodeAddress: "10.1.2.3")
    guard let output = try? InitPlanner.plan(config, node: node) else { return 0 }
    for case .write(let file) in output.plan.steps {
        let text = String(decoding: file.contents, as: UTF8.self)
        if file.path.hasSuffix(".toml") {
            do {
                _ = try TOMLParser.parse(text)
            } catch {
                preconditionFailure("planned \(file.path) is not TOML: \(error)\n\(text)")
            }
        } else if file.path.hasSuffix(".json") {
            precondition(
                (try? JSONSerialization.jsonObject(with: Data(file.contents))) != nil,
                "planned \(file.path) is not JSON:\n\(text)")
        }
    }
    return 0
}
