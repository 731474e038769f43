import NodePrepCore

/// `nodeprep clean`, the effects: reads nodeprep's record and the files it names, lets
/// ``CleanPlanner`` decide, and applies the plan with the same atomic writer `init` uses.
public struct NodeCleaner: Sendable {
    public var fileSystem: NodeFileSystem

    public init(fileSystem: NodeFileSystem) {
        self.fileSystem = fileSystem
    }

    /// The plan for this node, and where the node differs from nodeprep's record.
    public func plan() throws(RunFailure) -> CleanPlanner.Output {
        CleanPlanner.plan(try snapshot(), bootCacheFolder: BootCache.folder)
    }

    /// Applies `output`'s plan, calling `onStep` after each step. Refuses, changing nothing, when the
    /// node differs from the record, unless `force`.
    @discardableResult
    public func apply(_ output: CleanPlanner.Output, force: Bool, onStep: (PlanStepResult) -> Void = { _ in })
        throws(RunFailure) -> [PlanStepResult]
    {
        guard force || output.mismatches.isEmpty else {
            throw .recordMismatch(output.mismatches)
        }
        do {
            return try PlanWriter(fileSystem: fileSystem).apply(output.plan, onStep: onStep)
        } catch {
            throw .writeFailed("\(error)")
        }
    }

    private func snapshot() throws(RunFailure) -> CleanPlanner.Snapshot {
        do {
            let state = try fileSystem.read(ContainerdConfigState.path).map { bytes throws(RunFailure) in
                do {
                    return try ContainerdConfigState(parsing: bytes)
                } catch {
                    throw RunFailure.nodeUnreadable("\(ContainerdConfigState.path) is not nodeprep's record: \(error)")
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
        } catch let failure as RunFailure {
            throw failure
        } catch {
            throw .nodeUnreadable("\(error)")
        }
    }
}
