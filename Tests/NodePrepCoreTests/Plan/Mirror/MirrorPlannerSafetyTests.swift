import Testing

@testable import NodePrepCore

/// States of the node the planner refuses, and a second run on its own result changing nothing.
@Suite struct MirrorPlannerSafetyTests {
    @Test func nodeAddressIsNeededOnlyForThePlaceholder() throws {
        let withPlaceholder = MirrorConfig(targets: ["http://${NODE_IP}:30020"])
        #expect(mirrorPlanError(withPlaceholder, nodeAddress: nil) == .nodeAddressRequired)
        #expect(mirrorPlanError(withPlaceholder, nodeAddress: "10.20.0.300") == .invalidNodeAddress("10.20.0.300"))
        #expect(mirrorPlanError(withPlaceholder, nodeAddress: "fe80::1%eth0") == .invalidNodeAddress("fe80::1%eth0"))
        #expect(mirrorPlanError(withPlaceholder, nodeAddress: "[fd00::1]") == .invalidNodeAddress("[fd00::1]"))
        #expect(mirrorPlanError(withPlaceholder, nodeAddress: "010.20.0.7") == .invalidNodeAddress("010.20.0.7"))

        let plan = try planMirror(MirrorConfig(targets: ["http://10.20.0.7:30020"]), nodeAddress: nil)
        #expect(plan.writtenPaths() == ["_default/hosts.toml"])
    }

    @Test(arguments: ["::1", "fd00::", "::", "1:2:3:4:5:6:7:8", "::ffff:10.20.0.7", "FD00:a::B"])
    func acceptedIPv6Addresses(address: String) throws {
        let plan = try planMirror(MirrorConfig(targets: ["http://${NODE_IP}:30020"]), nodeAddress: address)
        #expect(plan.text(at: "_default/hosts.toml")?.hasPrefix("[host.'http://[\(address)]:30020']") == true)
    }

    @Test(arguments: [
        "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "12345::", "::ffff:10.20.0", "10.20.0.7.1", "",
        "host.test",
    ])
    func refusedNodeAddresses(address: String) {
        #expect(
            mirrorPlanError(MirrorConfig(targets: ["http://${NODE_IP}:30020"]), nodeAddress: address)
                == .invalidNodeAddress(address))
    }

    @Test func placeholderCollidingWithALiteralIsRefused() {
        let targets = MirrorConfig(targets: ["http://${NODE_IP}:30020", "http://10.20.0.7:30020"])
        #expect(
            mirrorPlanError(targets, nodeAddress: "10.20.0.7")
                == .duplicateAfterNodeAddress("mirror target http://10.20.0.7:30020"))
        let registries = MirrorConfig(
            registries: ["http://${NODE_IP}:5000", "https://10.20.0.7:5000"], targets: ["http://10.20.0.7:30020"])
        #expect(
            mirrorPlanError(registries, nodeAddress: "10.20.0.7")
                == .duplicateAfterNodeAddress("registry folder 10.20.0.7:5000"))
    }

    @Test func backupThatIsNotAFolderIsRefused() {
        let config = MirrorConfig(targets: ["http://10.20.0.7:30020"])
        let fileBackup = CertsDirectorySnapshot(entries: ["_backup": .file([])])
        #expect(mirrorPlanError(config, existing: fileBackup) == .backupIsNotAFolder(path: certsDirectory + "/_backup"))
        let linkBackup = CertsDirectorySnapshot(entries: ["_backup": .other])
        #expect(mirrorPlanError(config, existing: linkBackup) == .backupIsNotAFolder(path: certsDirectory + "/_backup"))
    }

    @Test(arguments: ["../etc/passwd", "docker.io/../../x", "/absolute", "docker.io//hosts.toml", "./x", "docker.io/"])
    func snapshotPathsThatCouldLeaveTheFolderAreRefused(path: String) {
        let snapshot = CertsDirectorySnapshot(entries: [path: .file([])])
        #expect(
            mirrorPlanError(MirrorConfig(targets: ["http://10.20.0.7:30020"]), existing: snapshot)
                == .unsafeSnapshotPath(path))
    }

    @Test func errorsDescribeThemselves() {
        #expect(
            MirrorPlanError.nodeAddressRequired.description
                == "the mirror configuration uses ${NODE_IP}, but the node address is unknown")
        #expect(
            MirrorPlanError.invalidConfig([
                MirrorConfigProblem(field: "spec.targets", message: "at least one mirror target is required")
            ]).description
                == "invalid mirror configuration:\n  spec.targets: at least one mirror target is required")
    }

    // MARK: - Idempotence

    static let scenarios: [(name: String, config: MirrorConfig, before: SimulatedCertsDirectory)] = [
        ("fresh node", MirrorConfig(targets: ["http://${NODE_IP}:30020"]), SimulatedCertsDirectory()),
        (
            "existing configuration",
            MirrorConfig(
                registries: ["https://docker.io", "https://quay.io"],
                targets: ["http://${NODE_IP}:30020", "http://10.20.0.9:30021"]),
            SimulatedCertsDirectory(files: [
                "docker.io/hosts.toml": "server = 'https://x.test'", "docker.io/ca.crt": "CA", "misc.txt": "m",
            ])
        ),
        (
            "existing backup and strays",
            MirrorConfig(registries: ["https://docker.io"], targets: ["http://${NODE_IP}:30020"], resolveTags: false),
            SimulatedCertsDirectory(files: [
                "_backup/docker.io/hosts.toml": "[host.'https://a.test']", "docker.io/stale.pem": "s",
                "other/hosts.toml": "x",
            ])
        ),
        (
            "prepend on first run",
            MirrorConfig(
                registries: ["https://docker.io"], targets: ["http://${NODE_IP}:30020"], prependExisting: true),
            SimulatedCertsDirectory(files: [
                "docker.io/hosts.toml": MirrorPrependExistingTests.previousHostsFile,
                "docker.io/certs/corp-ca.pem": "CA",
            ])
        ),
        (
            "prepend from backup",
            MirrorConfig(
                registries: ["https://docker.io", "_default"], targets: ["http://${NODE_IP}:30020"],
                prependExisting: true),
            MirrorPrependExistingTests.backedUpFolder
        ),
    ]

    @Test(arguments: 0..<scenarios.count)
    func secondRunChangesNothing(scenario index: Int) throws {
        let (name, config, before) = Self.scenarios[index]
        var folder = before
        folder.apply(try planMirror(config, existing: folder))
        let afterFirstRun = folder

        let secondPlan = try planMirror(config, existing: folder)
        #expect(secondPlan.backupSteps.isEmpty, "\(name)")
        #expect(secondPlan.removedPaths.isEmpty, "\(name)")
        for file in secondPlan.files {
            let relative = String(file.path.dropFirst(certsDirectory.count + 1))
            #expect(folder.entries[relative] == .file(file.contents), "\(name): \(relative) would change")
        }
        folder.apply(secondPlan)
        #expect(folder == afterFirstRun, "\(name)")
    }
}
