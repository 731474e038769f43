/// Everything `nodeprep init` will change on the node, computed before the first write.
///
/// A plan is a value: rendering it needs no I/O, and applying it is the writer's job. Steps run in
/// order; each one is crash-safe on its own (see the step docs), so an interrupted run leaves every
/// file either old or new, and the next run finishes the job.
public struct Plan: Sendable, Equatable {
    public enum Step: Sendable, Equatable {
        /// Replace (or create) one file atomically: a temporary file in the same folder, made
        /// durable, renamed over the target, the rename made durable.
        case write(PlannedFile)
        /// Move every entry of `directory` (except `backupName` itself) into `directory/backupName`.
        /// Done only when `backupName` does not exist yet, so the first state is kept forever.
        /// Entries are renamed into a staging folder first, and the staging folder is renamed to
        /// `backupName` last, so a crash never leaves a half-filled backup under the final name.
        case backup(directory: String, backupName: String)
        /// Remove a file or a folder tree. Used to clear a mirror folder before rewriting it.
        case remove(path: String)
        /// Move every entry of `directory/backupName` back into `directory`, then remove the empty
        /// `backupName`: the undoing of `backup`, for `nodeprep clean`. Nothing to do when
        /// `backupName` is absent (already restored).
        case restore(directory: String, backupName: String)
    }

    public var steps: [Step]

    public init(steps: [Step] = []) {
        self.steps = steps
    }
}
