import Foundation
import FoundationNetworking
import Glibc

/// The URLSession that IMDS requests go through, built on a thread of its own from the moment
/// this object is made.
///
/// Building a session is the slow part of FoundationNetworking (libcurl's global set-up,
/// Foundation's shared stores, the session's queues: about 10 ms). `nodeprep` makes this object
/// first thing, so the session is built while the command line is parsed, the image's documents
/// are read and containerd's build information is inspected; requests wait for it only if they
/// come sooner.
///
/// A URLSession does several things on its own that a boot service must not, and each is
/// switched off here:
/// - **Proxies.** libcurl reads `http_proxy`, `all_proxy` and `ALL_PROXY` when it connects, and
///   `connectionProxyDictionary` does not stop it. IMDS is link-local and is never reached through
///   a proxy, so ``processEnvironmentEdits`` removes the proxy variables from the process.
/// - **Folders under `$HOME`.** The shared URL cache and cookie store, which every configuration
///   touches, create `$HOME/.cache/org.swift.foundation.URLCache/<name>` and
///   `$HOME/.local/share/<folder>` (and a missing `$HOME` itself). `XDG_CACHE_HOME` and
///   `XDG_DATA_HOME` are set to `/dev/null`: every folder Foundation derives from them lies below
///   a file, so each `mkdir` fails and nothing is created anywhere.
/// - **Caches, cookies, stored credentials:** the configuration has none.
/// - **Redirects:** ``IMDSSessionDelegate`` refuses them, so a 3xx status is the answer.
/// - **Retries:** URLSession makes none of its own; ``DeadlineRetrier`` decides.
///
/// The environment is edited on the thread that makes the session, before the session's own
/// threads exist; `nodeprep` makes its one session before any other thread runs. The edits stay
/// for the life of the process: libcurl reads the proxy variables at every connection, and undoing
/// the edits later, from another thread, would race with libraries reading the environment
/// (libsystemd reads `NOTIFY_SOCKET` at every notification).
public final class IMDSSession: Sendable {
    /// Variables set for the whole process (a nil value removes the variable).
    static let processEnvironmentEdits: [(name: String, value: String?)] = [
        ("http_proxy", nil), ("HTTP_PROXY", nil), ("https_proxy", nil), ("HTTPS_PROXY", nil),
        ("all_proxy", nil), ("ALL_PROXY", nil),
        ("XDG_CACHE_HOME", "/dev/null"), ("XDG_DATA_HOME", "/dev/null"),
    ]

    private let built: Task<URLSession, Never>

    public init() {
        Self.editProcessEnvironment()
        built = Task.detached {
            await DedicatedThread.run { Self.makeSession() }
        }
    }

    /// The session, once it is built.
    var session: URLSession {
        get async { await built.value }
    }

    private static func editProcessEnvironment() {
        for (name, value) in processEnvironmentEdits {
            if let value { setenv(name, value, 1) } else { unsetenv(name) }
        }
    }

    private static func makeSession() -> URLSession {
        let configuration = URLSessionConfiguration.default
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCredentialStorage = nil
        configuration.httpMaximumConnectionsPerHost = 1
        return URLSession(configuration: configuration, delegate: IMDSSessionDelegate(), delegateQueue: nil)
    }
}

/// Refuses every redirect: IMDS does not redirect, and following one could take the session token
/// to another host. The 3xx answer goes back to ``IMDSClient``, which reports its status.
final class IMDSSessionDelegate: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @Sendable @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
