import Foundation

/// One line of the registry's access log (Apache combined format), e.g.
/// `127.0.0.1 - - [..] "GET /v2/library/x/manifests/1?ns=docker.io HTTP/1.1" 200 401 "" "containerd/1.6.20~ds1"`.
struct RegistryRequest: Sendable, Equatable {
    let method: String
    /// The path without the query.
    let path: String
    /// The `ns` query parameter containerd adds when it asks a mirror on behalf of a registry.
    let namespace: String?
    let status: Int
    let userAgent: String

    init?(accessLogLine line: String) {
        let pattern = #/"([A-Z]+) (\S+) HTTP/[0-9.]+" ([0-9]{3}) \S+ "[^"]*" "([^"]*)"/#
        guard let match = line.firstMatch(of: pattern), let status = Int(match.3) else { return nil }
        let components = URLComponents(string: String(match.2))
        method = String(match.1)
        path = components?.path ?? String(match.2)
        namespace = components?.queryItems?.first { $0.name == "ns" }?.value
        self.status = status
        userAgent = String(match.4)
    }

    /// True for a manifest fetch (HEAD or GET) of `repository`.
    func isManifest(of repository: String) -> Bool {
        path.hasPrefix("/v2/\(repository)/manifests/")
    }

    /// True for a blob fetch of `digest`.
    func isBlob(_ digest: String) -> Bool {
        path.hasSuffix("/blobs/\(digest)")
    }
}
