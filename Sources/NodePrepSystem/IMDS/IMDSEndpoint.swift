import FoundationEssentials

/// Where the instance metadata service is, resolved from the environment the way the AWS SDKs do.
///
/// - `AWS_EC2_METADATA_DISABLED=true` (any case): IMDS must not be contacted. Resolving throws
///   ``IMDSError/Reason/disabled`` so the caller decides what "no IMDS" means (nodeprep treats it
///   as a configuration error unless another config source is given) instead of silently seeing
///   "no user data".
/// - `AWS_EC2_METADATA_SERVICE_ENDPOINT`: an explicit `http://host[:port]` base URL; it wins
///   over the mode. Tests point it at a local server. IMDS speaks plain HTTP on a link-local
///   address, so `https` is refused rather than silently downgraded.
/// - `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE`: `IPv4` (default, `http://169.254.169.254`) or
///   `IPv6` (`http://[fd00:ec2::254]`), case-insensitive.
///
/// The environment is passed in as a dictionary so resolution is testable without touching the
/// process environment.
public struct IMDSEndpoint: Sendable, Equatable {
    public enum Mode: String, Sendable, Equatable {
        case ipv4 = "IPv4"
        case ipv6 = "IPv6"

        /// The link-local address AWS serves IMDS on in this mode.
        public var defaultBaseURL: URL {
            switch self {
            case .ipv4: return URL(string: "http://169.254.169.254")!
            case .ipv6: return URL(string: "http://[fd00:ec2::254]")!
            }
        }
    }

    /// Scheme, host and optional port, without a trailing slash; request paths are appended.
    public let baseURL: URL
    /// The endpoint mode from the environment (IPv4 when unset), kept even when an explicit
    /// endpoint overrides the address.
    public let mode: Mode

    static let disabledVariable = "AWS_EC2_METADATA_DISABLED"
    static let endpointVariable = "AWS_EC2_METADATA_SERVICE_ENDPOINT"
    static let modeVariable = "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"

    public init(environment: [String: String]) throws(IMDSError) {
        if environment[Self.disabledVariable]?.lowercased() == "true" {
            throw IMDSError(path: "/", reason: .disabled)
        }
        mode = try Self.mode(from: environment[Self.modeVariable])
        if let explicit = environment[Self.endpointVariable], !explicit.isEmpty {
            baseURL = try Self.baseURL(from: explicit)
        } else {
            baseURL = mode.defaultBaseURL
        }
    }

    /// The full URL of a request path such as `/latest/user-data`.
    func url(for path: String) -> URL {
        URL(string: baseURL.absoluteString + path)!
    }

    private static func mode(from value: String?) throws(IMDSError) -> Mode {
        guard let value, !value.isEmpty else { return .ipv4 }
        switch value.lowercased() {
        case "ipv4": return .ipv4
        case "ipv6": return .ipv6
        default:
            throw IMDSError(path: "/", reason: .invalidEndpoint("\(modeVariable)=\(value) is neither IPv4 nor IPv6"))
        }
    }

    private static func baseURL(from text: String) throws(IMDSError) -> URL {
        var trimmed = Substring(text)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let url = URL(string: String(trimmed)),
            url.scheme?.lowercased() == "http",
            let host = url.host, !host.isEmpty,
            url.path.isEmpty, url.query == nil, url.fragment == nil, url.user == nil
        else {
            throw IMDSError(
                path: "/",
                reason: .invalidEndpoint("\(endpointVariable)=\(text) is not an http://host[:port] URL"))
        }
        return url
    }
}
