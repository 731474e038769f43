/// Reads user data and node metadata from the EC2 instance metadata service, IMDSv2 style.
///
/// One session token (`PUT /latest/api/token`) is fetched on first use and cached for the life
/// of the client, so a normal run sends exactly one token request. A 401 on a GET means the
/// token expired or was revoked: the client fetches one new token and repeats the GET once.
///
/// All calls share one total deadline from ``RetryPolicy``, counted from the first call, so
/// `--imds-deadline` bounds everything a run waits for IMDS (user data and the node address
/// together), not each lookup. Inside it, network errors, timeouts, 429 and 5xx are retried (see
/// ``DeadlineRetrier``) and each retry is reported through `onRetry`. Calls are meant to run one
/// after another; two concurrent first calls may each fetch a token.
public actor IMDSClient {
    static let tokenPath = "/latest/api/token"
    static let userDataPath = "/latest/user-data"
    static let localIPv4Path = "/latest/meta-data/local-ipv4"
    static let macPath = "/latest/meta-data/mac"
    static let ttlHeader = "X-aws-ec2-metadata-token-ttl-seconds"
    static let tokenHeader = "X-aws-ec2-metadata-token"
    /// The largest user data accepted: what the decoder accepts after decompression (EC2 itself
    /// caps user data at 16 KB).
    static let userDataLimit = 1024 * 1024
    /// The largest token or metadata value accepted: tokens are about 60 bytes, addresses shorter.
    static let valueLimit = 4096

    public nonisolated let endpoint: IMDSEndpoint
    private let transport: IMDSTransport
    private let retrier: DeadlineRetrier
    private let tokenTTLSeconds: Int
    private var token: String?
    /// Fixed by the first call; every later call ends by it too.
    private var deadline: ContinuousClock.Instant?
    /// Requests sent so far, failed attempts included.
    public private(set) var requestCounts = IMDSRequestCounts()

    /// - Parameters:
    ///   - session: the URLSession to send through; one made early has had time to be built.
    ///   - tokenTTLSeconds: lifetime asked for the session token (IMDS allows 1...21600).
    ///   - onRetry: called after each failed attempt that will be retried.
    public init(
        endpoint: IMDSEndpoint,
        session: IMDSSession = IMDSSession(),
        retryPolicy: RetryPolicy = RetryPolicy(),
        tokenTTLSeconds: Int = 21600,
        onRetry: (@Sendable (IMDSRetryEvent) -> Void)? = nil
    ) {
        self.endpoint = endpoint
        self.transport = IMDSTransport(endpoint: endpoint, session: session)
        self.retrier = DeadlineRetrier(policy: retryPolicy, onRetry: onRetry)
        self.tokenTTLSeconds = min(max(tokenTTLSeconds, 1), 21600)
    }

    /// The instance's user data, or nil when it has none (IMDS answers 404).
    public func userData() async throws(IMDSError) -> [UInt8]? {
        try await fetch(Self.userDataPath, until: sharedDeadline())
    }

    /// The node's primary address: `local-ipv4`, or with `ipv6` the first IPv6 address of the
    /// primary interface (`mac`, then `network/interfaces/macs/<mac>/ipv6s`).
    public func nodeAddress(ipv6: Bool) async throws(IMDSError) -> String {
        let deadline = sharedDeadline()
        guard ipv6 else {
            return try await fetchValue(Self.localIPv4Path, until: deadline)
        }
        let mac = try await fetchValue(Self.macPath, until: deadline)
        guard mac.allSatisfy({ $0.isHexDigit || $0 == ":" }) else {
            throw IMDSError(path: Self.macPath, reason: .malformedValue("not a MAC address"))
        }
        let ipv6sPath = "/latest/meta-data/network/interfaces/macs/\(mac)/ipv6s"
        return try await fetchValue(ipv6sPath, until: deadline)
    }

    private func sharedDeadline() -> ContinuousClock.Instant {
        if let deadline { return deadline }
        let first = retrier.deadlineFromNow()
        deadline = first
        return first
    }

    /// The first non-empty line of a metadata value; a missing (404) or empty value is an error.
    private func fetchValue(_ path: String, until deadline: ContinuousClock.Instant) async throws(IMDSError)
        -> String
    {
        guard let body = try await fetch(path, until: deadline) else {
            throw IMDSError(path: path, reason: .httpStatus(404))
        }
        let lines = String(decoding: body, as: UTF8.self).split(whereSeparator: \.isNewline)
        guard let first = lines.lazy.map({ $0.trimmingWhitespace() }).first(where: { !$0.isEmpty }) else {
            throw IMDSError(path: path, reason: .malformedValue("empty answer"))
        }
        return first
    }

    /// GETs `path` with retries; nil for 404, the body for 200, an error otherwise.
    private func fetch(_ path: String, until deadline: ContinuousClock.Instant) async throws(IMDSError)
        -> [UInt8]?
    {
        var tokenRenewed = false
        let response = try await retrier.run(path: path, until: deadline) { () async throws(IMDSError) in
            try await authorizedGET(path, until: deadline, tokenRenewed: &tokenRenewed)
        }
        switch response.status {
        case 200: return response.body
        case 404: return nil
        default: throw IMDSError(path: path, reason: .httpStatus(response.status))
        }
    }

    /// One attempt: token (cached or new), then the GET; a first 401 renews the token and
    /// repeats the GET. Statuses that deserve a retry are thrown, others returned.
    private func authorizedGET(_ path: String, until deadline: ContinuousClock.Instant, tokenRenewed: inout Bool)
        async throws(IMDSError) -> IMDSTransport.Response
    {
        while true {
            let token = try await currentToken(until: deadline)
            requestCounts.metadataRequests += 1
            let response = try await transport.send(
                method: "GET", path: path, headers: [Self.tokenHeader: token],
                limit: path == Self.userDataPath ? Self.userDataLimit : Self.valueLimit,
                timeout: retrier.attemptTimeout(until: deadline))
            if response.status == 401, !tokenRenewed {
                tokenRenewed = true
                self.token = nil
                continue
            }
            let error = IMDSError(path: path, reason: .httpStatus(response.status))
            if error.isRetryable { throw error }
            return response
        }
    }

    private func currentToken(until deadline: ContinuousClock.Instant) async throws(IMDSError) -> String {
        if let token { return token }
        requestCounts.tokenRequests += 1
        let response = try await transport.send(
            method: "PUT", path: Self.tokenPath, headers: [Self.ttlHeader: String(tokenTTLSeconds)],
            limit: Self.valueLimit, timeout: retrier.attemptTimeout(until: deadline))
        guard response.status == 200 else {
            throw IMDSError(path: Self.tokenPath, reason: .httpStatus(response.status))
        }
        guard let token = Self.validToken(response.body) else {
            throw IMDSError(path: Self.tokenPath, reason: .malformedToken)
        }
        self.token = token
        return token
    }

    /// A token goes into a header verbatim, so only visible ASCII is accepted.
    static func validToken(_ body: [UInt8]) -> String? {
        guard !body.isEmpty, body.count <= valueLimit, body.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            return nil
        }
        return String(decoding: body, as: UTF8.self)
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
