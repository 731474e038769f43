/// How many HTTP requests an ``IMDSClient`` has sent, by kind, failed attempts included.
///
/// IMDSv2 tokens are cached, so a healthy run sends exactly one token request; benchmarks and
/// tests read these counts to show it.
public struct IMDSRequestCounts: Sendable, Equatable {
    /// `PUT /latest/api/token` requests.
    public var tokenRequests: Int
    /// `GET` requests for user data and metadata.
    public var metadataRequests: Int

    public init(tokenRequests: Int = 0, metadataRequests: Int = 0) {
        self.tokenRequests = tokenRequests
        self.metadataRequests = metadataRequests
    }
}
