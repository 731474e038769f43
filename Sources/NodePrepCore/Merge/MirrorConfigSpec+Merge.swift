/// Merging MirrorConfig documents: a field a later document gives wins, lists replace whole
/// (an explicit `registries: []` means "every registry" again); a field it leaves out is kept.
extension MirrorConfigSpec {
    mutating func merge(_ later: MirrorConfigSpec, recorder: inout ProvenanceRecorder) {
        take(\.registries, from: later, "spec.registries", &recorder)
        take(\.targets, from: later, "spec.targets", &recorder)
        take(\.resolveTags, from: later, "spec.resolveTags", &recorder)
        take(\.prependExisting, from: later, "spec.prependExisting", &recorder)
        take(\.configPath, from: later, "spec.configPath", &recorder)
    }

    private mutating func take<Value>(
        _ field: WritableKeyPath<MirrorConfigSpec, Value?>, from later: MirrorConfigSpec, _ path: String,
        _ recorder: inout ProvenanceRecorder
    ) {
        guard let value = later[keyPath: field] else { return }
        self[keyPath: field] = value
        recorder.set(path)
    }
}
