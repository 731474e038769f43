import Foundation

/// A real distribution registry (`docker-registry serve`) on 127.0.0.1 inside a rig's network:
/// filesystem storage in the scratch folder, plain HTTP, no auth, access log on.
///
/// The access log is the witness that a pull really went through the mirror: containerd adds
/// `?ns=<registry>` to every request it sends to a host other than the registry itself.
final class LoopbackRegistry {
    let port: Int
    private let process: ChildProcess

    /// `host:port`, the form used in image references and hosts.toml folder names.
    var address: String { "127.0.0.1:\(port)" }
    /// The form used in hosts.toml `[host.'…']` tables and `server` lines.
    var url: String { "http://\(address)" }

    fileprivate init(port: Int, process: ChildProcess) {
        self.port = port
        self.process = process
    }

    /// Every request the registry has logged so far, oldest first.
    func requests() -> [RegistryRequest] {
        (process.stdout + "\n" + process.stderr)
            .split(separator: "\n")
            .compactMap { RegistryRequest(accessLogLine: String($0)) }
    }

    /// The requests that came from containerd (its user agent), e.g. to tell them from skopeo's push.
    func containerdRequests() -> [RegistryRequest] {
        requests().filter { $0.userAgent.hasPrefix("containerd/") }
    }
}

extension ContainerdRig {
    /// Starts a registry on `port` (each rig has its own loopback, so fixed ports never clash) and
    /// waits until `GET /v2/` answers 200.
    func startRegistry(port: Int = 5000) async throws -> LoopbackRegistry {
        let storage = try scratch.makeDirectory("registry-\(port)")
        let config = try scratch.write(
            """
            version: 0.1
            log:
              level: warn
              accesslog:
                disabled: false
            storage:
              filesystem:
                rootdirectory: \(storage)
            http:
              addr: 127.0.0.1:\(port)
              secret: nodeprep-system-tests
            """, to: "registry-\(port).yml")
        let process = try start([tools.registry, "serve", config], logName: "registry-\(port)")
        let registry = LoopbackRegistry(port: port, process: process)
        let _: Bool = try await waitFor("registry at \(registry.url)/v2/ answering 200", of: process) {
            let probe = try await run(
                [tools.curl, "-s", "-o", "/dev/null", "-w", "%{http_code}", "\(registry.url)/v2/"],
                limit: .seconds(5), logName: "registry-probe")
            return probe.stdout == "200" ? true : nil
        }
        return registry
    }
}
