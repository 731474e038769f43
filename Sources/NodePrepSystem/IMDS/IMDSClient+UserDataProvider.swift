import NodePrepCore

extension IMDSClient: UserDataProvider {}

/// The user data source when IMDS is switched off (`AWS_EC2_METADATA_DISABLED=true`): there is none.
public struct NoUserData: UserDataProvider {
    public init() {}

    public func userData() async throws -> [UInt8]? { nil }
}
