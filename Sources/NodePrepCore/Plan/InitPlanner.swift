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

    /// Why nothing can be planned: the renderer's or the mirror planner's failure, kept whole.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case containerd(ContainerdConfigRenderer.Failure)
        case mirror(MirrorPlanError)

        public var description: String {
            switch self {
            case .containerd(let failure): "\(failure)"
            case .mirror(let failure): "mirror: \(failure)"
            }
        }
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
            throw .containerd(error)
        }
        var mirrorSteps: [Plan.Step] = []
        var layout: RunRecord.Mirror?
        if let mirror {
            do {
                let planned = try MirrorPlanner.planWithLayout(
                    mirror, nodeAddress: node.nodeAddress, existing: node.certsDirectory)
                mirrorSteps = planned.plan.steps
                layout = planned.layout
            } catch {
                throw .mirror(error)
            }
        }
        let state = record(containerd, mirror: mirror, mirrorSteps: mirrorSteps, node: node)
        let steps: [Plan.Step] =
            [.write(state.file)]
            + containerd.files.filter { $0.path != ContainerdConfigState.path }.map(Plan.Step.write) + mirrorSteps
        let installed =
            (node.containerd?.description ?? "containerd (version unknown)")
            + (node.kubelet.map { ", \($0)" } ?? "")
        let mirrored = mirror.map { $0.registries.isEmpty ? "all registries" : $0.registries.joined(separator: ", ") }
        let summary =
            "\(installed); config.toml based on \(containerd.baseDescription)"
            + (mirrored.map { "; mirror for \($0)" } ?? "")
        return Output(
            plan: Plan(steps: steps), warnings: node.warnings + containerd.warnings, summary: summary, mirror: mirror,
            containerd: node.containerd, mirrorLayout: layout)
    }

    /// The renderer's record, completed with what `nodeprep clean` must know: whether nodeprep
    /// created base-runtime-spec.json, and the mirror folder's files and backup. What an earlier
    /// run recorded is carried over where this run does not touch it.
    private static func record(
        _ containerd: ContainerdConfigRenderer.Output, mirror: MirrorConfig?, mirrorSteps: [Plan.Step],
        node: NodeSnapshot
    ) -> ContainerdConfigState {
        let previous = node.containerdConfigState
        var state = containerd.state
        state.createdRuntimeSpec = previous?.createdRuntimeSpec
        if let spec = containerd.files.first(where: { $0.path == BaseRuntimeSpec.path }),
            previous?.createdRuntimeSpec != nil || !node.hasBaseRuntimeSpec
        {
            state.createdRuntimeSpec = String(decoding: spec.contents, as: UTF8.self)
        }
        state.mirror = previous?.mirror
        if let mirror {
            let backedUp = mirrorSteps.contains { if case .backup = $0 { return true } else { return false } }
            let keptBackup = previous?.mirror.map { $0.configPath == mirror.configPath && $0.createdBackup } ?? false
            let files = mirrorSteps.compactMap { step -> String? in
                if case .write(let file) = step { return file.path } else { return nil }
            }
            state.mirror = .init(configPath: mirror.configPath, createdBackup: backedUp || keptBackup, files: files)
        }
        return state
    }
}
