import NodePrepCore
import NodePrepSystem

/// User data from the instance metadata service.
struct IMDSUserData: UserDataProvider {
    var deadlineSeconds: Double

    func userData() async throws -> [UInt8]? {
        throw SourceLoader.Failure(source: "imds://user-data", reason: "the IMDS client is not built into this binary")
    }
}
