/// `featureGates.FastImagePull`: nodeadm switches containerd to the SOCI snapshotter when the gate is
/// on, `soci-snapshotter` is installed and the instance is large enough (4 vCPUs, 7 GiB). nodeprep
/// writes containerd's configuration but does not set SOCI up (its own config file, a containerd
/// drop-in ordering it after `soci-snapshotter.service`, kubelet's image service endpoint), so a
/// NodeConfig that turns the gate on gets a warning instead of a silent difference.
public enum FastImagePullGate {
    static let name = "FastImagePull"
    static let path = FieldPath.join("spec.featureGates", name)

    /// A warning at the document that turned the gate on, when the merged NodeConfig has it on.
    public static func warnings(in config: ResolvedConfig) -> [Diagnostic] {
        guard config.nodeConfig?.featureGates[name] == true else { return [] }
        let setter = config.nodeConfigProvenance.setters[path]
        return [
            .warning(
                "\(path) is on, but nodeprep does not act on it: containerd keeps its snapshotter "
                    + "(nodeadm would switch it to soci when soci-snapshotter is installed)",
                at: setter?.origin ?? Origin(source: "merged NodeConfig"), position: setter?.position)
        ]
    }
}
