import Foundation
import TOMLKit

/// `containerd --config FILE config dump`: the config containerd actually loaded, defaults filled
/// in, each enabled plugin's table decoded by that plugin.
///
/// This is how a test asks containerd, not a TOML library, what a config file means. Two limits
/// (containerd 1.6.20): a misspelled key is dropped without a word, so a test must assert that the
/// intended key is present with the intended value; and the tables of disabled plugins are not
/// decoded, so their type errors go unnoticed here (and the daemon starts with them too).
struct ContainerdConfigDump {
    /// How `config dump` ended; on success its stdout is the loaded config as TOML.
    let result: ToolResult

    /// Dumps the config in `configFile`. Needs no root and starts no daemon.
    static func run(configFile: String) async throws -> ContainerdConfigDump {
        let tools = try Tools.locate()
        let logs = try ScratchDirectory(label: "dump")
        defer { logs.remove() }
        let result = try await ChildProcess.run(
            [tools.containerd, "--config", configFile, "config", "dump"],
            limit: .seconds(30), logStem: logs.path("dump"), tools: tools)
        return ContainerdConfigDump(result: result)
    }

    /// Dumps `config` (the text of a config.toml).
    static func run(config: String) async throws -> ContainerdConfigDump {
        let folder = try ScratchDirectory(label: "config")
        defer { folder.remove() }
        return try await run(configFile: try folder.write(config, to: "config.toml"))
    }

    /// The dumped config parsed. Throws with containerd's stderr when it refused the file.
    func loadedConfig() throws -> TOMLTable {
        guard result.succeeded else {
            throw HarnessError("containerd rejected the config: \(result)")
        }
        return try TOMLTable(string: result.stdout)
    }
}
