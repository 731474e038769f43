/// Writes the `hosts.toml` text Spegel's `configuration` command writes, byte for byte.
///
/// Spegel renders a Go template and trims it, which gives: an optional `server` line, then one
/// `[host.'<target>']` block per mirror target in the given order, blocks separated by one blank
/// line, single-quoted literal strings, and no newline at the end. Matching it exactly means a node
/// set up by nodeprep and one set up by Spegel's own init container hold the same files, so moving
/// between the two changes nothing.
///
/// Spegel's optional basic-auth `[host.'…'.header]` table is not produced: MirrorConfig has no
/// credentials, and user data is no place for them.
enum HostsFileRenderer {
    /// The `server` value for a mirrored registry's URL. (`_default` has no `server` line: the
    /// registry of each pull is its own upstream.)
    ///
    /// Only the exact text `https://docker.io` is rewritten, to Docker Hub's API host; containerd
    /// would otherwise send requests to `docker.io` itself, which serves no registry API.
    static func server(forRegistry url: String) -> String {
        url == "https://docker.io" ? "https://registry-1.docker.io" : url
    }

    /// The file text. `server` and `targets` must come from `RegistryURL` values, which cannot hold a
    /// quote or a line break.
    static func render(server: String?, targets: [String], resolveTags: Bool) -> String {
        let capabilities = resolveTags ? "['pull', 'resolve']" : "['pull']"
        let serverLine = server.map { ["server = '\($0)'"] } ?? []
        let hostBlocks = targets.map { target in
            """
            [host.'\(target)']
            capabilities = \(capabilities)
            dial_timeout = '200ms'
            """
        }
        return (serverLine + hostBlocks).joined(separator: "\n\n")
    }
}
