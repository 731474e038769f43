/// nodeadm's required-field rules (`ValidateNodeConfig`), applied by `config check` to the merged
/// NodeConfig: a node cannot join its cluster without these.
public enum NodeConfigRequirements {
    static let origin = Origin(source: "merged NodeConfig")

    public static func problems(in config: ResolvedConfig) -> [Diagnostic] {
        guard let spec = config.nodeConfig else {
            return [.error("no NodeConfig document was found in any source", at: origin)]
        }
        var problems: [String] = []
        let cluster = spec.cluster
        if cluster.name?.isEmpty ?? true { problems.append("spec.cluster.name is missing") }
        if cluster.apiServerEndpoint?.isEmpty ?? true { problems.append("spec.cluster.apiServerEndpoint is missing") }
        if cluster.certificateAuthority?.isEmpty ?? true {
            problems.append("spec.cluster.certificateAuthority is missing")
        }
        if let cidr = cluster.cidr, !cidr.isEmpty {
            if !CIDR.isValid(cidr) { problems.append("spec.cluster.cidr \"\(cidr)\" is not a CIDR block") }
        } else {
            problems.append("spec.cluster.cidr is missing")
        }
        if cluster.enableOutpost == true, cluster.id?.isEmpty ?? true {
            problems.append("spec.cluster.id must be set when spec.cluster.enableOutpost is true")
        }
        return problems.map { .error($0, at: origin) }
    }
}
