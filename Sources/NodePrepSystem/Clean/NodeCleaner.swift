import NodePrepCore

/// `nodeprep clean`, the effects: reads nodeprep's record and the files it names, lets
/// ``CleanPlanner`` decide, and applies the plan with the same atomic writer `init` uses.
public struct NodeCleaner: Sendable {
    public var fileSystem: NodeFileSystem

    public init(fileSystem: NodeFileSystem) {
        self.fileSystem = fileSystem
    }

    /// The node's files differ from nodeprep's record: each difference, as ``CleanPlanner`` words it.
    public struct Mismatch: Error, Sendable, Equatable, CustomStringConvertible {
        public var differences: [String]

        public var description: String { differences.joined(separator: "; ") }
    }

    /// The plan for this node, and where the node differs from nodeprep's record.
    public func plan() throws(NodePrepError) -> CleanPlanner.Output {
        CleanPlanner.plan(try snapshot(), bootCacheFolder: BootCache.folder)
    }

    /// Applies `output`'s plan, calling `onStep` after each step. Refuses, changing nothing, when the
    /// node differs from the record, unless `force`.
    @discardableResult
    public func apply(_ output: CleanPlanner.Output, force: Bool, onStep: (PlanStepResult) -> Void = { _ in })
        throws(NodePrepError) -> [PlanStepResult]
    {
        guard force || output.mismatches.isEmpty else {
            throw NodePrepError(
                .recordMismatch, "the node differs from nodeprep's record, nothing changed (--force cleans anyway)",
                underlying: Mismatch(differences: output.mismatches))
        }
        do {
            return try PlanWriter(fileSystem: fileSystem).apply(output.plan, onStep: onStep)
        } catch {
            throw .writeFailed(error)
        }
    }

    private func snapshot() throws(NodePrepError) -> CleanPlanner.Snapshot {
        do {
            let state = try fileSystem.read(ContainerdConfigState.path).map { bytes throws(NodePrepError) in
                do {
                    return try ContainerdConfigState(parsing: bytes)
                } catch {
                    throw NodePrepError(
                        .nodeUnreadable,
                        "cannot read the node's current files: \(ContainerdConfigState.path) is not nodeprep's record",
                        location: .file(ContainerdConfigState.path), underlying: error)
                }
            }
            return CleanPlanner.Snapshot(
                state: state,
                containerdConfig: try fileSystem.read(ContainerdConfigRenderer.configPath).map {
                    String(decoding: $0, as: UTF8.self)
                },
                runtimeSpec: try fileSystem.read(BaseRuntimeSpec.path),
                certsDirectory: try state?.mirror.map { try fileSystem.snapshot($0.configPath) }
                    ?? CertsDirectorySnapshot(),
                hasBootCache: try BootCache(fileSystem: fileSystem).exists(),
                hasRunRecord: try fileSystem.read(RunRecord.path) != nil)
        } catch {
            throw .nodeUnreadable(error)
        }
    }
}
