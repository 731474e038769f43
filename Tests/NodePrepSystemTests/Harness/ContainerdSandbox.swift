import Foundation
import TOMLKit

/// Turns a node's containerd config into one a test daemon can run from a scratch folder.
///
/// Only the keys that would make the daemon touch the host are redirected: `root`, `state`, the
/// gRPC/ttrpc/debug/metrics endpoints and the `opt` plugin folder (default /opt/containerd). Every
/// other key, and the `version`, reaches containerd exactly as nodeprep wrote it; the text is
/// re-serialized by TOMLKit, which keeps the values but not comments or key order.
///
/// With a `nodeRoot` (a folder that stands for the node's `/`), the node paths the config names
/// for files nodeprep also writes are mapped under it: each `:`-separated element of the CRI
/// registry `config_path`, and each runtime's `base_runtime_spec`.
struct ContainerdSandbox {
    /// Folder for the daemon's root, state and sockets.
    let directory: String

    var socket: String { "\(directory)/containerd.sock" }

    private static let cri = ["plugins", "io.containerd.grpc.v1.cri"]

    /// The sandboxed config text. Throws when `config` is not valid TOML: containerd would
    /// reject it too, and `ContainerdConfigDump` is the way to see containerd's own message.
    func apply(to config: String, nodeRoot: String? = nil) throws -> String {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: config)
        } catch {
            throw HarnessError("the containerd config is not valid TOML, cannot sandbox it: \(error)")
        }
        table["root"] = "\(directory)/root"
        table["state"] = "\(directory)/state"
        let grpc = table.table(creatingPath: ["grpc"])
        grpc["address"] = socket
        grpc.remove(at: "tcp_address")
        table.table(creatingPath: ["ttrpc"])["address"] = "\(socket).ttrpc"
        table.table(creatingPath: ["debug"])["address"] = ""
        table.table(creatingPath: ["metrics"])["address"] = ""
        table.table(creatingPath: ["plugins", "io.containerd.internal.v1.opt"])["path"] = "\(directory)/opt"
        if let nodeRoot {
            Self.mapNodePaths(in: table, under: nodeRoot)
        }
        return table.convert(to: .toml, options: [])
    }

    private static func mapNodePaths(in table: TOMLTable, under nodeRoot: String) {
        if let registry = table.value(at: cri + ["registry"])?.table,
            let configPath = registry["config_path"]?.string, !configPath.isEmpty
        {
            registry["config_path"] = configPath.split(separator: ":")
                .map { mapped(String($0), under: nodeRoot) }
                .joined(separator: ":")
        }
        if let runtimes = table.value(at: cri + ["containerd", "runtimes"])?.table {
            for name in runtimes.keys {
                guard let runtime = runtimes[name]?.table,
                    let spec = runtime["base_runtime_spec"]?.string, !spec.isEmpty
                else { continue }
                runtime["base_runtime_spec"] = mapped(spec, under: nodeRoot)
            }
        }
    }

    private static func mapped(_ nodePath: String, under nodeRoot: String) -> String {
        nodePath.hasPrefix("/") ? nodeRoot + nodePath : nodePath
    }
}
