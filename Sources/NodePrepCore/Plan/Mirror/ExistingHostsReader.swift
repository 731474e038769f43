import TOMLKit

/// Reads the host tables of a backed-up `hosts.toml`, for Spegel's prependExisting: the mirror's
/// own hosts first, then the hosts the node had before.
///
/// Like Spegel, only tables declared with a `[host.X]` header are kept, in file order (containerd
/// 2.x ignores hosts declared any other way), each re-emitted by `GoTOMLStyleEncoder`; the old
/// `server` line and any top-level keys are dropped, since the new file sets its own `server`.
enum ExistingHostsReader {
    /// One host table: the host URL as written in the header, and the table as TOML text (no
    /// trailing newline).
    struct HostTable: Equatable {
        var host: String
        var text: String
    }

    /// Why the file could not be read; the planner names the file.
    struct Unreadable: Error, Equatable {
        var reason: String
    }

    /// The host tables of `contents`, in file order; empty when it declares none.
    static func hostTables(in contents: [UInt8]) throws(Unreadable) -> [HostTable] {
        guard let text = String(validating: contents, as: UTF8.self) else {
            throw Unreadable(reason: "it is not UTF-8 text")
        }
        let document: TOMLTable
        do {
            document = try TOMLParser.parseTable(text)
        } catch {
            let line = error.position.map { " (line \($0))" } ?? ""
            throw Unreadable(reason: "it is not valid TOML\(line): \(error.message)")
        }
        guard let hosts = document["host"]?.table else { return [] }

        var seen: Set<String> = []
        return HostTableHeaderScanner.hostNames(in: text).compactMap { host in
            guard seen.insert(host).inserted, let table = hosts[host]?.table else { return nil }
            var text = GoTOMLStyleEncoder.table(table, at: ["host", host])
            if text.hasSuffix("\n") { text.removeLast() }
            return HostTable(host: host, text: text)
        }
    }
}
