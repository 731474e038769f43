import Testing

@testable import NodePrepCore

/// The registry configuration folder used by most mirror tests.
let certsDirectory = "/etc/containerd/certs.d"

/// A model of what the writer does to the folder, written from the `Plan.Step` documentation, so
/// tests can check the end state of a plan and plan again on it.
struct SimulatedCertsDirectory: Equatable {
    var entries: [String: CertsDirectorySnapshot.Entry]

    init(_ entries: [String: CertsDirectorySnapshot.Entry] = [:]) {
        self.entries = entries
    }

    init(files: [String: String]) {
        self.entries = files.mapValues { .file(Array($0.utf8)) }
    }

    var snapshot: CertsDirectorySnapshot { CertsDirectorySnapshot(entries: entries) }

    /// The files, as text, by relative path.
    var files: [String: String] {
        entries.compactMapValues { entry in
            if case .file(let bytes) = entry { String(decoding: bytes, as: UTF8.self) } else { nil }
        }
    }

    mutating func apply(_ plan: Plan, in directory: String = certsDirectory) {
        for step in plan.steps {
            switch step {
            case .backup(let backupDirectory, let backupName):
                #expect(backupDirectory == directory)
                #expect(entries[backupName] == nil)
                var moved: [String: CertsDirectorySnapshot.Entry] = [backupName: .directory]
                for (path, entry) in entries { moved[backupName + "/" + path] = entry }
                entries = moved
            case .restore:
                Issue.record("the mirror planner never restores a backup")
            case .remove(let path):
                let relative = relativePath(path, in: directory)
                #expect(entries[relative] != nil || entries.keys.contains { $0.hasPrefix(relative + "/") })
                entries = entries.filter { $0.key != relative && !$0.key.hasPrefix(relative + "/") }
            case .write(let file):
                let relative = relativePath(file.path, in: directory)
                let components = relative.split(separator: "/")
                for depth in 1..<components.count {
                    let folder = components.prefix(depth).joined(separator: "/")
                    #expect(
                        entries[folder] == nil || entries[folder] == .directory, "write through non-folder \(folder)")
                    entries[folder] = .directory
                }
                #expect(
                    entries[relative] == nil || entries[relative]?.isFile == true, "write over non-file \(relative)")
                #expect(file.mode == 0o644)
                entries[relative] = .file(file.contents)
            }
        }
    }

    private func relativePath(_ path: String, in directory: String) -> String {
        #expect(path.hasPrefix(directory + "/"), "\(path) is outside \(directory)")
        return String(path.dropFirst(directory.count + 1))
    }
}

extension CertsDirectorySnapshot.Entry {
    var isFile: Bool {
        if case .file = self { true } else { false }
    }
}

extension Plan {
    /// The files this plan writes, in order.
    var files: [PlannedFile] {
        steps.compactMap { if case .write(let file) = $0 { file } else { nil } }
    }

    /// The text written to `relativePath` under the certs folder, if the plan writes it.
    func text(at relativePath: String, in directory: String = certsDirectory) -> String? {
        files.first { $0.path == directory + "/" + relativePath }.map { String(decoding: $0.contents, as: UTF8.self) }
    }

    /// The written paths relative to the certs folder, in plan order.
    func writtenPaths(in directory: String = certsDirectory) -> [String] {
        files.map { String($0.path.dropFirst(directory.count + 1)) }
    }

    var backupSteps: [Step] {
        steps.filter { if case .backup = $0 { true } else { false } }
    }

    var removedPaths: [String] {
        steps.compactMap { if case .remove(let path) = $0 { path } else { nil } }
    }
}

/// Plans, failing the test with the error's description when planning throws.
func planMirror(
    _ config: MirrorConfig, nodeAddress: String? = "10.20.0.7",
    existing: SimulatedCertsDirectory = SimulatedCertsDirectory()
) throws -> Plan {
    try MirrorPlanner.plan(config, nodeAddress: nodeAddress, existing: existing.snapshot)
}

/// The error `plan` throws, or nil when it does not.
func mirrorPlanError(
    _ config: MirrorConfig, nodeAddress: String? = "10.20.0.7",
    existing: CertsDirectorySnapshot = CertsDirectorySnapshot()
) -> MirrorPlanError? {
    do throws(MirrorPlanError) {
        _ = try MirrorPlanner.plan(config, nodeAddress: nodeAddress, existing: existing)
        return nil
    } catch {
        return error
    }
}
