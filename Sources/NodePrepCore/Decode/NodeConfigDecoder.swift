/// Reads the `spec` of a NodeConfig document into a ``NodeConfigSpec``, strictly: every field nodeadm
/// defines is accepted with its type, and everything else is reported (nodeadm drops unknown fields
/// silently, so a typo such as `baseRuntimeSpc` loses settings without a word).
enum NodeConfigDecoder {
    static let localStorageStrategies: Set<String> = ["RAID0", "RAID10", "Mount"]
    static let disabledMountNames: Set<String> = ["Containerd", "PodLogs", "SOCI"]
    static let featureGateNames: Set<String> = ["InstanceIdNodeName", "FastImagePull"]

    static func decode(_ node: YAMLNode, reader: inout YAMLReader) -> NodeConfigSpec {
        var spec = NodeConfigSpec()
        guard !YAMLReader.isNull(node) else { return spec }
        let fields =
            reader.fields(
                of: node, path: "spec", allowed: ["cluster", "containerd", "instance", "kubelet", "featureGates"])
            ?? [:]
        if let cluster = fields["cluster"] {
            spec.cluster = decodeCluster(cluster, reader: &reader)
        }
        if let containerd = fields["containerd"] {
            spec.containerd = decodeContainerd(containerd, reader: &reader)
        }
        if let instance = fields["instance"] {
            spec.instance = decodeInstance(instance, reader: &reader)
        }
        if let kubelet = fields["kubelet"] {
            spec.kubelet = decodeKubelet(kubelet, reader: &reader)
        }
        if let gates = fields["featureGates"] {
            spec.featureGates = decodeFeatureGates(gates, reader: &reader)
        }
        return spec
    }

    private static func decodeCluster(_ node: YAMLNode, reader: inout YAMLReader) -> NodeConfigSpec.Cluster {
        var cluster = NodeConfigSpec.Cluster()
        let path = "spec.cluster"
        let fields = optionalFields(
            node, path: path, reader: &reader,
            allowed: [
                "name", "apiServerEndpoint", "certificateAuthority", "cidr", "enableOutpost", "id",
            ])
        cluster.name = fields["name"].flatMap { reader.string($0, path: path + ".name") }
        cluster.apiServerEndpoint = fields["apiServerEndpoint"].flatMap {
            reader.string($0, path: path + ".apiServerEndpoint")
        }
        if let node = fields["certificateAuthority"],
            let text = reader.string(node, path: path + ".certificateAuthority")
        {
            if !text.isEmpty, Base64.decode(Array(text.utf8)) == nil {
                reader.error("\(path).certificateAuthority is not valid base64", at: node)
            }
            cluster.certificateAuthority = text
        }
        cluster.cidr = fields["cidr"].flatMap { reader.string($0, path: path + ".cidr") }
        cluster.enableOutpost = fields["enableOutpost"].flatMap { reader.bool($0, path: path + ".enableOutpost") }
        cluster.id = fields["id"].flatMap { reader.string($0, path: path + ".id") }
        return cluster
    }

    private static func decodeContainerd(_ node: YAMLNode, reader: inout YAMLReader) -> NodeConfigSpec.Containerd {
        var containerd = NodeConfigSpec.Containerd()
        let path = "spec.containerd"
        let fields = optionalFields(node, path: path, reader: &reader, allowed: ["config", "baseRuntimeSpec"])
        if let node = fields["config"], let text = reader.string(node, path: path + ".config") {
            do {
                containerd.config = try ContainerdConfigTOML(parsing: text)
            } catch {
                let line = error.position.map { " (its line \($0))" } ?? ""
                reader.error("\(path).config is not valid TOML\(line): \(error.message)", at: node)
            }
        }
        containerd.baseRuntimeSpec = fields["baseRuntimeSpec"].flatMap {
            freeFormObject($0, path: path + ".baseRuntimeSpec", reader: &reader)
        }
        return containerd
    }

    private static func decodeInstance(_ node: YAMLNode, reader: inout YAMLReader) -> NodeConfigSpec.Instance {
        var instance = NodeConfigSpec.Instance()
        let path = "spec.instance"
        let fields = optionalFields(
            node, path: path, reader: &reader, allowed: ["localStorage", "environment", "network"])
        if let node = fields["localStorage"] {
            let storagePath = path + ".localStorage"
            let storage = optionalFields(
                node, path: storagePath, reader: &reader, allowed: ["strategy", "mountPath", "disabledMounts"])
            if let node = storage["strategy"], let strategy = reader.string(node, path: storagePath + ".strategy") {
                // "" is Go's zero value, "not set", as for every other string field: merging skips it.
                if !strategy.isEmpty {
                    checkEnum(strategy, allowed: localStorageStrategies, path: storagePath + ".strategy", node, &reader)
                }
                instance.localStorage.strategy = strategy
            }
            instance.localStorage.mountPath = storage["mountPath"].flatMap {
                reader.string($0, path: storagePath + ".mountPath")
            }
            if let node = storage["disabledMounts"] {
                let mounts = reader.stringItems(node, path: storagePath + ".disabledMounts") ?? []
                for mount in mounts {
                    checkEnum(mount.text, allowed: disabledMountNames, path: mount.path, mount.node, &reader)
                }
                instance.localStorage.disabledMounts = mounts.map(\.text)
            }
        }
        if let node = fields["environment"], let services = reader.mapping(node, path: path + ".environment") {
            for (service, value) in services {
                let servicePath = FieldPath.join(path + ".environment", service)
                reader.record(servicePath, value.keyNode)
                instance.environment[service] = reader.stringMap(value.node, path: servicePath) ?? [:]
            }
        }
        if let node = fields["network"] {
            let networkPath = path + ".network"
            let network = optionalFields(node, path: networkPath, reader: &reader, allowed: ["nameservers", "domains"])
            instance.network.nameservers =
                network["nameservers"].flatMap {
                    reader.stringList($0, path: networkPath + ".nameservers")
                } ?? []
            instance.network.domains =
                network["domains"].flatMap {
                    reader.stringList($0, path: networkPath + ".domains")
                } ?? []
        }
        return instance
    }

    private static func decodeKubelet(_ node: YAMLNode, reader: inout YAMLReader) -> NodeConfigSpec.Kubelet {
        var kubelet = NodeConfigSpec.Kubelet()
        let path = "spec.kubelet"
        let fields = optionalFields(
            node, path: path, reader: &reader, allowed: ["config", "flags", "maxPodsExpression"])
        kubelet.config = fields["config"].flatMap { freeFormObject($0, path: path + ".config", reader: &reader) }
        kubelet.flags = fields["flags"].flatMap { reader.stringList($0, path: path + ".flags") } ?? []
        kubelet.maxPodsExpression = fields["maxPodsExpression"].flatMap {
            reader.string($0, path: path + ".maxPodsExpression")
        }
        return kubelet
    }

    private static func decodeFeatureGates(_ node: YAMLNode, reader: inout YAMLReader) -> [String: Bool] {
        var gates: [String: Bool] = [:]
        for (name, value) in reader.mapping(node, path: "spec.featureGates") ?? [] {
            let gatePath = FieldPath.join("spec.featureGates", name)
            reader.record(gatePath, value.keyNode)
            if !featureGateNames.contains(name) {
                let known = featureGateNames.sorted().joined(separator: ", ")
                reader.warning("unknown feature gate \(gatePath) has no effect (known: \(known))", at: value.keyNode)
            }
            if let enabled = reader.bool(value.node, path: gatePath) {
                gates[name] = enabled
            }
        }
        return gates
    }

    /// The fields of an optional mapping: `null` or an absent value is an empty mapping.
    private static func optionalFields(
        _ node: YAMLNode, path: String, reader: inout YAMLReader, allowed: Set<String>
    ) -> [String: YAMLNode] {
        guard !YAMLReader.isNull(node) else { return [:] }
        return reader.fields(of: node, path: path, allowed: allowed) ?? [:]
    }

    private static func freeFormObject(_ node: YAMLNode, path: String, reader: inout YAMLReader) -> JSONValue? {
        guard !YAMLReader.isNull(node) else { return nil }
        guard case .mapping = node else {
            reader.error("\(path) must be a mapping, found \(YAMLReader.kind(of: node))", at: node)
            return nil
        }
        return reader.json(node, path: path)
    }

    private static func checkEnum(
        _ value: String, allowed: Set<String>, path: String, _ node: YAMLNode, _ reader: inout YAMLReader
    ) {
        guard !allowed.contains(value) else { return }
        reader.error("\(path) must be one of \(allowed.sorted().joined(separator: ", ")), found \"\(value)\"", at: node)
    }
}
