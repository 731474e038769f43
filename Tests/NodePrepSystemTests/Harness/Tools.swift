import Foundation

/// The real programs the system tests drive, found once per rig.
///
/// A missing program means a broken test machine, not a reason to skip: the error names the
/// Debian package that provides it (`.ci/run` installs them all), so the test fails loudly
/// instead of passing without having checked anything.
struct Tools: Sendable {
    let containerd: String
    let ctr: String
    let registry: String
    let skopeo: String
    let curl: String
    let unshare: String
    let nsenter: String
    let ip: String
    let timeout: String
    let shell: String

    /// The folders searched: PATH, then the sbin folders, which a non-login PATH often lacks.
    static var searchFolders: [String] {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
    }

    /// Finds every program in `folders`, or throws one error that lists all that are missing.
    static func locate(in folders: [String] = searchFolders) throws -> Tools {
        var missing: [String] = []
        func find(_ name: String, package: String) -> String {
            if let path = folders.map({ "\($0)/\(name)" }).first(where: FileManager.default.isExecutableFile(atPath:)) {
                return path
            }
            missing.append("`\(name)` (Debian package `\(package)`)")
            return name
        }
        let tools = Tools(
            containerd: find("containerd", package: "containerd"),
            ctr: find("ctr", package: "containerd"),
            registry: find("docker-registry", package: "docker-registry"),
            skopeo: find("skopeo", package: "skopeo"),
            curl: find("curl", package: "curl"),
            unshare: find("unshare", package: "util-linux"),
            nsenter: find("nsenter", package: "util-linux"),
            ip: find("ip", package: "iproute2"),
            timeout: find("timeout", package: "coreutils"),
            shell: find("sh", package: "dash")
        )
        guard missing.isEmpty else {
            throw HarnessError(
                "system tests need these programs, not found in \(folders.joined(separator: ":")): "
                    + missing.joined(separator: ", ") + "; install them (see .ci/run)")
        }
        return tools
    }

    /// Throws unless the tests run as root: private network namespaces, containerd's snapshot
    /// mounts and its state folders all need it.
    static func requireRoot() throws {
        guard geteuid() == 0 else {
            throw HarnessError(
                "system tests must run as root (uid 0), this is uid \(geteuid()); "
                    + "they start containerd and make network namespaces")
        }
    }
}
