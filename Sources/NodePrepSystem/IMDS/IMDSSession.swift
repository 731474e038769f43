import Foundation
import FoundationNetworking
import Glibc
import Synchronization

/// The URLSession that IMDS requests go through, built on a thread of its own by ``prepare()`` or
/// by the first request.
///
/// Building a session is the slow part of FoundationNetworking (libcurl's global set-up,
/// Foundation's shared stores, the session's queues: about 10 ms). `nodeprep` makes this object
/// and calls ``prepare()`` first thing, so the session is built while the command line is parsed,
/// the image's documents are read and containerd's build information is inspected; requests wait
/// for it only if they come sooner. A run that will not ask IMDS (a re-run served by this boot's
/// copy, ``BootCache``) skips ``prepare()`` and never builds a session at all.
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

    /// The session being built, from the first ``prepare()`` or request on.
    private let building = Mutex<Task<URLSession, Never>?>(nil)
    /// Receives the callbacks of every request of the session.
    let delegate = IMDSSessionDelegate()

    /// Edits the process environment (see above); the session itself is built later.
    public init() {
        Self.editProcessEnvironment()
    }

    /// Starts building the session, unless that has started already.
    public func prepare() {
        _ = build()
    }

    /// The session, once it is built; the first request starts building it if nothing did.
    var session: URLSession {
        get async { await build().value }
    }

    private func build() -> Task<URLSession, Never> {
        building.withLock { building in
            if let building { return building }
            let task = Task.detached { [delegate] in
                await DedicatedThread.run { Self.makeSession(delegate: delegate) }
            }
            building = task
            return task
        }
    }

    private static func editProcessEnvironment() {
        for (name, value) in processEnvironmentEdits {
            if let value { setenv(name, value, 1) } else { unsetenv(name) }
        }
    }

    private static func makeSession(delegate: IMDSSessionDelegate) -> URLSession {
        let configuration = URLSessionConfiguration.default
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCredentialStorage = nil
        configuration.httpMaximumConnectionsPerHost = 1
        return URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }
}

/// Passes each request's callbacks to its ``IMDSExchange`` and refuses every redirect: IMDS does
/// not redirect, and following one could take the session token to another host. A refused
/// redirect ends the request with its 3xx status, which ``IMDSClient`` reports.
final class IMDSSessionDelegate: NSObject, URLSessionDataDelegate, Sendable {
    private let exchanges = Mutex<[Int: IMDSExchange]>([:])

    /// Call before the task is resumed, so no callback can come first.
    func register(_ exchange: IMDSExchange, for task: URLSessionTask) {
        exchanges.withLock { $0[task.taskIdentifier] = exchange }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @Sendable @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        exchanges.withLock { $0[dataTask.taskIdentifier] }?.received(data, on: dataTask)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        exchanges.withLock { $0.removeValue(forKey: task.taskIdentifier) }?
            .finished(response: task.response, error: error)
    }
}
