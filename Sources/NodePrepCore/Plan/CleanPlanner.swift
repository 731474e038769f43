/// Plans `nodeprep clean`: the node back as it was before nodeprep's first run, for baking an image
/// (in the spirit of `cloud-init clean`). Pure: nodeprep's record and what the node holds now in,
/// a ``Plan`` and the differences between the two out.
///
/// What is undone: config.toml goes back to the recorded base (or away, when nodeprep rendered it
/// from its template); base-runtime-spec.json goes when nodeprep created it; the mirror folder
/// loses nodeprep's files and, when nodeprep made `_backup`, gets its first contents back; the
/// records (the run record, then the containerd-config record) and the boot's IMDS copy go last.
/// Each item is accepted in the state nodeprep left it or in the state clean leaves it, so a clean
/// cut off half-way can be run again.
public enum CleanPlanner {
    /// What the node holds now, read by the effects layer.
    public struct Snapshot: Sendable, Equatable {
        /// nodeprep's record (`/var/lib/nodeprep/containerd-config.json`); nil when there is none.
        public var state: ContainerdConfigState?
        public var containerdConfig: String?
        public var runtimeSpec: [UInt8]?
        /// The recorded mirror folder's tree (empty without a mirror record).
        public var certsDirectory: CertsDirectorySnapshot
        /// Whether the boot's IMDS copy (`/run/nodeprep`) exists.
        public var hasBootCache: Bool
        /// Whether the record of the last run (``RunRecord``, for `nodeprep status`) exists.
        public var hasRunRecord: Bool

        public init(
            state: ContainerdConfigState?, containerdConfig: String?, runtimeSpec: [UInt8]?,
            certsDirectory: CertsDirectorySnapshot = CertsDirectorySnapshot(), hasBootCache: Bool = false,
            hasRunRecord: Bool = false
        ) {
            self.state = state
            self.containerdConfig = containerdConfig
            self.runtimeSpec = runtimeSpec
            self.certsDirectory = certsDirectory
            self.hasBootCache = hasBootCache
            self.hasRunRecord = hasRunRecord
        }
    }

    public struct Output: Sendable, Equatable {
        public var plan: Plan
        /// Where the node differs from nodeprep's record (another writer was here). Empty when
        /// the plan is safe to apply.
        public var mismatches: [String]
    }

    /// - Parameter bootCacheFolder: the boot's IMDS copy, removed when it exists.
    public static func plan(_ node: Snapshot, bootCacheFolder: String) -> Output {
        var steps: [Plan.Step] = []
        var mismatches: [String] = []
        if let state = node.state {
            steps += configSteps(state, node: node, mismatches: &mismatches)
            if let created = state.createdRuntimeSpec {
                if let current = node.runtimeSpec, current != Array(created.utf8) {
                    mismatches.append("\(BaseRuntimeSpec.path) was changed since nodeprep wrote it")
                }
                steps.append(.remove(path: BaseRuntimeSpec.path))
            }
            if let mirror = state.mirror {
                steps += mirrorSteps(mirror, existing: node.certsDirectory, mismatches: &mismatches)
            }
        }
        if node.hasRunRecord {
            steps.append(.remove(path: RunRecord.path))
        }
        if node.state != nil {
            steps.append(.remove(path: ContainerdConfigState.path))
        }
        if node.hasBootCache {
            steps.append(.remove(path: bootCacheFolder))
        }
        return Output(plan: Plan(steps: steps), mismatches: mismatches)
    }

    private static func configSteps(
        _ state: ContainerdConfigState, node: Snapshot, mismatches: inout [String]
    ) -> [Plan.Step] {
        let path = ContainerdConfigRenderer.configPath
        let current = node.containerdConfig
        let isNodeprepsOwn = current.map(state.written.contains) ?? false
        if !isNodeprepsOwn && current != state.base {
            mismatches.append(
                current == nil
                    ? "\(path) is missing; nodeprep wrote it"
                    : "\(path) was replaced since nodeprep wrote it (by another writer or by hand)")
        }
        guard let base = state.base else { return [.remove(path: path)] }
        return [.write(PlannedFile(path: path, text: base))]
    }

    private static func mirrorSteps(
        _ mirror: ContainerdConfigState.MirrorRecord, existing: CertsDirectorySnapshot, mismatches: inout [String]
    ) -> [Plan.Step] {
        let backupName = CertsDirectorySnapshot.backupFolderName
        let prefix = mirror.configPath + "/"
        let relativeFiles = mirror.files.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        let present = relativeFiles.filter {
            if case .file = existing.entry(at: $0) { return true } else { return false }
        }
        guard mirror.createdBackup else {
            if !present.isEmpty && present.count != relativeFiles.count {
                mismatches.append("some of nodeprep's files in \(mirror.configPath) are missing")
            }
            return relativeFiles.map { .remove(path: prefix + $0) }
        }
        switch existing.backupFolder {
        case .directory?:
            if present.count != relativeFiles.count {
                mismatches.append("some of nodeprep's files in \(mirror.configPath) are missing")
            }
        case nil:
            // Already moved back (by an earlier clean, or by Spegel's cleanup hook, which does the
            // same); what stands at nodeprep's paths now are the folder's first files.
            return []
        case .file?, .other?:
            mismatches.append("\(prefix)\(backupName) is not a folder")
            return []
        }
        let others = existing.topLevelNames.filter { $0 != backupName }.sorted()
        return others.map { .remove(path: prefix + $0) } + [
            .restore(directory: mirror.configPath, backupName: backupName)
        ]
    }
}
