import NodePrepCore
import Testing

/// `nodeprep clean`'s plan from nodeprep's record and the node's files, without I/O.
struct CleanPlannerTests {
    static let base = "version = 2\n"
    static let written = "# Written by nodeprep\nversion = 2\n"
    static let hostsPath = "/etc/containerd/certs.d/docker.io/hosts.toml"
    static let state = ContainerdConfigState(
        base: base, written: [written], createdRuntimeSpec: "{}\n",
        mirror: .init(configPath: "/etc/containerd/certs.d", createdBackup: true, files: [hostsPath]))

    static func snapshot(config: String?, spec: [UInt8]?, certs: [String: CertsDirectorySnapshot.Entry])
        -> CleanPlanner.Snapshot
    {
        CleanPlanner.Snapshot(
            state: state, containerdConfig: config, runtimeSpec: spec,
            certsDirectory: CertsDirectorySnapshot(entries: certs), hasBootCache: true, hasRunRecord: true)
    }

    @Test func nodeAsNodeprepLeftIt() {
        let output = CleanPlanner.plan(
            Self.snapshot(
                config: Self.written, spec: Array("{}\n".utf8),
                certs: [
                    "_backup/docker.io/hosts.toml": .file([1]), "docker.io/hosts.toml": .file([2]),
                ]),
            bootCacheFolder: "/run/nodeprep")
        #expect(output.mismatches.isEmpty)
        #expect(
            output.plan.steps == [
                .write(PlannedFile(path: "/etc/containerd/config.toml", text: Self.base)),
                .remove(path: "/etc/containerd/base-runtime-spec.json"),
                .remove(path: "/etc/containerd/certs.d/docker.io"),
                .restore(directory: "/etc/containerd/certs.d", backupName: "_backup"),
                .remove(path: "/var/lib/nodeprep/last-run.json"),
                .remove(path: ContainerdConfigState.path),
                .remove(path: "/run/nodeprep"),
            ])
    }

    /// A clean cut off after restoring everything but the record: run again, nothing differs.
    @Test func halfCleanedNodeIsAccepted() {
        let output = CleanPlanner.plan(
            Self.snapshot(config: Self.base, spec: nil, certs: ["docker.io/hosts.toml": .file([1])]),
            bootCacheFolder: "/run/nodeprep")
        #expect(output.mismatches.isEmpty)
        #expect(!output.plan.steps.contains(.restore(directory: "/etc/containerd/certs.d", backupName: "_backup")))
        #expect(output.plan.steps.last == .remove(path: "/run/nodeprep"))
    }

    @Test func everyDifferenceIsNamed() {
        let output = CleanPlanner.plan(
            Self.snapshot(config: "foreign = 1\n", spec: Array("{\"x\": 1}\n".utf8), certs: ["_backup": .file([2])]),
            bootCacheFolder: "/run/nodeprep")
        #expect(
            output.mismatches == [
                "/etc/containerd/config.toml was replaced since nodeprep wrote it (by another writer or by hand)",
                "/etc/containerd/base-runtime-spec.json was changed since nodeprep wrote it",
                "/etc/containerd/certs.d/_backup is not a folder",
            ])
    }

    /// Template base (no config.toml before): it is removed. No record: only the boot copy goes.
    @Test func templateBaseAndNoRecord() {
        let template = CleanPlanner.plan(
            CleanPlanner.Snapshot(
                state: ContainerdConfigState(base: nil, written: [Self.written]), containerdConfig: Self.written,
                runtimeSpec: nil),
            bootCacheFolder: "/run/nodeprep")
        #expect(
            template.plan.steps == [
                .remove(path: "/etc/containerd/config.toml"), .remove(path: ContainerdConfigState.path),
            ])
        let none = CleanPlanner.plan(
            CleanPlanner.Snapshot(state: nil, containerdConfig: Self.base, runtimeSpec: nil, hasBootCache: true),
            bootCacheFolder: "/run/nodeprep")
        #expect(none.plan.steps == [.remove(path: "/run/nodeprep")])
        #expect(none.mismatches.isEmpty)
    }
}
