/// Merging one NodeConfig over another with nodeadm's rules (mergo `WithOverride` plus its
/// transformers, as fixed in nodeadm PR #2003):
/// - strings: a non-empty later value wins; an empty one never clears;
/// - lists other than kubelet flags: a non-empty later list replaces; an empty one keeps;
/// - `kubelet.flags`: appended (flag order is precedence, and multi-value flags accumulate);
/// - `containerd.config`: TOML deep merge; `baseRuntimeSpec`, `kubelet.config`: JSON deep merge;
///   each taken whole when the earlier one is empty, kept when the later one is empty;
/// - `featureGates`, `instance.environment`: merged key by key, later wins;
/// - `enableOutpost`: set when unset; a later `true` wins but a later `false` does not clear an
///   earlier `true` (mergo skips "empty" values through the pointer).
extension NodeConfigSpec {
    mutating func merge(_ later: NodeConfigSpec, recorder: inout ProvenanceRecorder) {
        mergeString(&cluster.name, later.cluster.name, "spec.cluster.name", &recorder)
        mergeString(
            &cluster.apiServerEndpoint, later.cluster.apiServerEndpoint, "spec.cluster.apiServerEndpoint", &recorder)
        mergeString(
            &cluster.certificateAuthority, later.cluster.certificateAuthority, "spec.cluster.certificateAuthority",
            &recorder)
        mergeString(&cluster.cidr, later.cluster.cidr, "spec.cluster.cidr", &recorder)
        mergeString(&cluster.id, later.cluster.id, "spec.cluster.id", &recorder)
        if let outpost = later.cluster.enableOutpost, cluster.enableOutpost == nil || outpost {
            cluster.enableOutpost = outpost
            recorder.set("spec.cluster.enableOutpost")
        }

        mergeContainerdConfig(later.containerd.config, &recorder)
        mergeInline(
            &containerd.baseRuntimeSpec, later.containerd.baseRuntimeSpec, "spec.containerd.baseRuntimeSpec", &recorder)

        let storage = "spec.instance.localStorage"
        mergeString(
            &instance.localStorage.strategy, later.instance.localStorage.strategy, storage + ".strategy", &recorder)
        mergeString(
            &instance.localStorage.mountPath, later.instance.localStorage.mountPath, storage + ".mountPath", &recorder)
        mergeList(
            &instance.localStorage.disabledMounts, later.instance.localStorage.disabledMounts,
            storage + ".disabledMounts", &recorder)
        for (service, variables) in later.instance.environment {
            for (name, value) in variables {
                instance.environment[service, default: [:]][name] = value
                recorder.set(FieldPath.join(FieldPath.join("spec.instance.environment", service), name))
            }
        }
        mergeList(
            &instance.network.nameservers, later.instance.network.nameservers, "spec.instance.network.nameservers",
            &recorder)
        mergeList(&instance.network.domains, later.instance.network.domains, "spec.instance.network.domains", &recorder)

        mergeInline(&kubelet.config, later.kubelet.config, "spec.kubelet.config", &recorder)
        for (index, flag) in later.kubelet.flags.enumerated() {
            recorder.set(
                FieldPath.index("spec.kubelet.flags", kubelet.flags.count),
                writtenAt: FieldPath.index("spec.kubelet.flags", index))
            kubelet.flags.append(flag)
        }
        mergeString(
            &kubelet.maxPodsExpression, later.kubelet.maxPodsExpression, "spec.kubelet.maxPodsExpression", &recorder)

        for (gate, enabled) in later.featureGates {
            featureGates[gate] = enabled
            recorder.set(FieldPath.join("spec.featureGates", gate))
        }
    }

    private func mergeString(
        _ value: inout String?, _ later: String?, _ path: String, _ recorder: inout ProvenanceRecorder
    ) {
        guard let later, !later.isEmpty else { return }
        value = later
        recorder.set(path)
    }

    private func mergeList(
        _ value: inout [String], _ later: [String], _ path: String, _ recorder: inout ProvenanceRecorder
    ) {
        guard !later.isEmpty else { return }
        value = later
        recorder.set(path)
    }

    private func mergeInline(
        _ value: inout JSONValue?, _ later: JSONValue?, _ path: String, _ recorder: inout ProvenanceRecorder
    ) {
        guard let later, !later.isEmptyObject else { return }
        guard var merged = value, !merged.isEmptyObject else {
            value = later
            recorder.set(path, tree: later)
            return
        }
        merged.deepMerge(later, at: path, recorder: &recorder)
        value = merged
    }

    /// Inline TOML is merged as the tables its documents parsed to and rendered again, as nodeadm
    /// does; a single document's text is kept as written.
    private mutating func mergeContainerdConfig(_ later: ContainerdConfigTOML?, _ recorder: inout ProvenanceRecorder) {
        let path = "spec.containerd.config"
        guard let later, !later.isEmpty else { return }
        guard let current = containerd.config, !current.isEmpty else {
            containerd.config = later
            recorder.set(path, tree: later.table)
            return
        }
        var merged = current.table
        merged.deepMerge(later.table, at: path, recorder: &recorder)
        containerd.config = ContainerdConfigTOML(merged: merged)
    }
}
