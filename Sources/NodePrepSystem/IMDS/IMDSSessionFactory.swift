import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// Builds the URLSession the IMDS client uses, shielded from two FoundationNetworking habits that
/// are wrong for a boot service.
///
/// 1. Proxies: libcurl under URLSession reads `http_proxy`, `https_proxy`, `all_proxy` (and the
///    upper-case forms of the last two) on every request, and `connectionProxyDictionary` does
///    not stop it. IMDS is link-local and must never go through a proxy, so these variables are
///    removed from nodeprep's own process environment (`unsetenv`), for good: libcurl reads them
///    at request time, so restoring them later would re-enable the proxy. nodeprep makes no
///    other HTTP requests, and files it writes for other services are not affected.
/// 2. Folders under `$HOME`: building a session configuration creates
///    `$HOME/.cache/org.swift.foundation.URLCache/…` and `$HOME/.local/share/…` even when no
///    cache or cookie store is used, and even creates a missing `$HOME`. At boot that litters
///    root's home. While the configuration is built, `XDG_CACHE_HOME` and `XDG_DATA_HOME` point
///    at a fresh private temporary folder (mkdtemp, 0700); afterwards the variables are restored
///    and the folder is removed, so nothing is left anywhere.
enum IMDSSessionFactory {
    static let proxyVariables = ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
    private static let foundationFolderVariables = ["XDG_CACHE_HOME", "XDG_DATA_HOME"]
    /// Environment edits are process-wide; two clients created at once must not interleave them.
    private static let environmentLock = Mutex(())

    static func makeSession() -> URLSession {
        environmentLock.withLock { _ in
            for name in proxyVariables { unsetenv(name) }
            return withFoundationFoldersRedirected {
                let configuration = URLSessionConfiguration.ephemeral
                configuration.urlCache = nil
                configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
                configuration.httpCookieStorage = nil
                configuration.httpShouldSetCookies = false
                configuration.urlCredentialStorage = nil
                return URLSession(configuration: configuration)
            }
        }
    }

    private static func withFoundationFoldersRedirected<T>(_ body: () -> T) -> T {
        let scratch = makeScratchFolder()
        let saved = foundationFolderVariables.map { name in (name, getenv(name).map { String(cString: $0) }) }
        for name in foundationFolderVariables { setenv(name, scratch, 1) }
        defer {
            for (name, value) in saved {
                if let value { setenv(name, value, 1) } else { unsetenv(name) }
            }
            try? FileManager.default.removeItem(atPath: scratch)
        }
        return body()
    }

    /// A new private folder under `$TMPDIR` (or /tmp). If none can be made, a path under
    /// /dev/null: Foundation's mkdir then fails, which it tolerates, and still nothing is created.
    private static func makeScratchFolder() -> String {
        let parent = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((parent + "/nodeprep-urlsession.XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) != nil }
        guard made else { return "/dev/null/nodeprep-urlsession" }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
