/// The resolved configuration as the JSON documents `config dump` prints.
///
/// The NodeConfig object has nodeadm's v1alpha1 shape (so scripts written against `nodeadm config
/// dump` read the same fields): empty strings, lists and maps are left out, the structure objects
/// stay. `containerd.config` is the merged TOML text; `baseRuntimeSpec` and `kubelet.config` are objects.
extension ResolvedConfig {
    /// Every resolved document, NodeConfig first.
    public var documentValues: [JSONValue] {
        var documents: [JSONValue] = []
        if let nodeConfig {
            documents.append(
                Self.document(ConfigKind.nodeConfigAPIVersion, ConfigKind.nodeConfigKind, nodeConfig.jsonValue))
        }
        if let mirrorConfig {
            documents.append(
                Self.document(ConfigKind.mirrorConfigAPIVersion, ConfigKind.mirrorConfigKind, mirrorConfig.jsonValue))
        }
        return documents
    }

    /// A Kubernetes-style `List` holding every resolved document.
    public var dumpValue: JSONValue {
        .object(["apiVersion": .string("v1"), "kind": .string("List"), "items": .array(documentValues)])
    }

    /// What `config dump` prints: ``dumpValue`` as indented JSON.
    public var dumpText: String {
        dumpValue.rendered() + "\n"
    }

    private static func document(_ apiVersion: String, _ kind: String, _ spec: JSONValue) -> JSONValue {
        .object(["apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": .object([:]), "spec": spec])
    }
}

extension NodeConfigSpec {
    var jsonValue: JSONValue {
        var clusterFields = JSONObjectBuilder()
        clusterFields.add("name", cluster.name)
        clusterFields.add("apiServerEndpoint", cluster.apiServerEndpoint)
        clusterFields.add("certificateAuthority", cluster.certificateAuthority)
        clusterFields.add("cidr", cluster.cidr)
        clusterFields.add("enableOutpost", cluster.enableOutpost.map(JSONValue.bool))
        clusterFields.add("id", cluster.id)

        var containerdFields = JSONObjectBuilder()
        containerdFields.add("config", containerd.config?.text)
        containerdFields.add("baseRuntimeSpec", containerd.baseRuntimeSpec)

        var storageFields = JSONObjectBuilder()
        storageFields.add("strategy", instance.localStorage.strategy)
        storageFields.add("mountPath", instance.localStorage.mountPath)
        storageFields.add("disabledMounts", instance.localStorage.disabledMounts)
        var networkFields = JSONObjectBuilder()
        networkFields.add("nameservers", instance.network.nameservers)
        networkFields.add("domains", instance.network.domains)
        var instanceFields = JSONObjectBuilder()
        instanceFields.add("localStorage", storageFields.value)
        instanceFields.add(
            "environment",
            instance.environment.isEmpty
                ? nil
                : .object(
                    instance.environment.mapValues {
                        .object($0.mapValues(JSONValue.string))
                    }))
        instanceFields.add("network", networkFields.value)

        var kubeletFields = JSONObjectBuilder()
        kubeletFields.add("config", kubelet.config)
        kubeletFields.add("flags", kubelet.flags)
        kubeletFields.add("maxPodsExpression", kubelet.maxPodsExpression)

        var specFields = JSONObjectBuilder()
        specFields.add("cluster", clusterFields.value)
        specFields.add("containerd", containerdFields.value)
        specFields.add("instance", instanceFields.value)
        specFields.add("kubelet", kubeletFields.value)
        specFields.add("featureGates", featureGates.isEmpty ? nil : .object(featureGates.mapValues(JSONValue.bool)))
        return specFields.value
    }
}

extension MirrorConfigSpec {
    /// The resolved settings, defaults included, so the dump shows what `init` will use.
    var jsonValue: JSONValue {
        let settings = resolved
        return .object([
            "registries": .array(settings.registries.map(JSONValue.string)),
            "targets": .array(settings.targets.map(JSONValue.string)),
            "resolveTags": .bool(settings.resolveTags),
            "prependExisting": .bool(settings.prependExisting),
            "configPath": .string(settings.configPath),
        ])
    }
}

/// Builds a JSON object, leaving out what Go's `omitempty` leaves out.
struct JSONObjectBuilder {
    private(set) var members: [String: JSONValue] = [:]

    var value: JSONValue { .object(members) }

    mutating func add(_ key: String, _ value: JSONValue?) {
        if let value {
            members[key] = value
        }
    }

    mutating func add(_ key: String, _ text: String?) {
        if let text, !text.isEmpty {
            members[key] = .string(text)
        }
    }

    mutating func add(_ key: String, _ list: [String]) {
        if !list.isEmpty {
            members[key] = .array(list.map(JSONValue.string))
        }
    }
}
