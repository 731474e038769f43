/// Plans everything `nodeprep init` writes: containerd's config.toml and base runtime spec, then the
/// Spegel mirror's hosts.toml files. Pure: the resolved configuration and a snapshot of the node in,
/// a ``Plan`` out, so bad input is found before anything is written.
public enum InitPlanner {
    public struct Output: Sendable, Equatable {
        public var plan: Plan
        public var warnings: [String]
        /// A one-line account of what the plan is based on, for the log.
        public var summary: String
        /// The mirror the plan configures, if any.
        public var mirror: MirrorConfig?
        /// The containerd the plan was made for, when known.
        public var containerd: InstalledContainerd?
        /// What the mirror's hosts.toml files name, `${NODE_IP}` replaced (for the run record).
        public var mirrorLayout: RunRecord.Mirror?
    }

    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public static func plan(_ config: ResolvedConfig, node: NodeSnapshot) throws(Failure) -> Output {
        let mirror = config.mirrorConfig?.resolved
        let renderer = ContainerdConfigRenderer(
            version: node.containerd?.version, existingConfig: node.containerdConfig,
            state: node.containerdConfigState, runtime: node.hasNVIDIARuntime ? .nvidia : .runc,
            kubelet: node.kubelet?.version, unusableRuntime: node.nvidiaRuntimeNotExecutable ? .nvidia : nil)
        let containerd: ContainerdConfigRenderer.Output
        do {
            containerd = try renderer.render(
                userConfig: config.nodeConfig?.containerd.config,
                userBaseRuntimeSpec: config.nodeConfig?.containerd.baseRuntimeSpec, mirror: mirror)
        } catch {
            throw Failure(description: error.description)
        }
        var steps = containerd.files.map(Plan.Step.write)
        var layout: RunRecord.Mirror?
        if let mirror {
            do {
                steps += try MirrorPlanner.plan(
                    mirror, nodeAddress: node.nodeAddress, existing: node.certsDirectory
                ).steps
                layout = try MirrorPlanner.layout(mirror, nodeAddress: node.nodeAddress)
            } catch {
                throw Failure(description: "mirror: \(error)")
            }
        }
        let installed =
            (node.containerd?.description ?? "containerd (version unknown)")
            + (node.kubelet.map { ", \($0)" } ?? "")
        let mirrored = mirror.map { $0.registries.isEmpty ? "all registries" : $0.registries.joined(separator: ", ") }
        let summary =
            "\(installed); config.toml based on \(containerd.baseDescription)"
            + (mirrored.map { "; mirror for \($0)" } ?? "")
        return Output(
            plan: Plan(steps: steps), warnings: containerd.warnings, summary: summary, mirror: mirror,
            containerd: node.containerd, mirrorLayout: layout)
    }
}
