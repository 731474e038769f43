import TOMLKit
import Testing

@testable import NodePrepCore

/// The files Spegel's `configuration` command writes, for the cases its own test suite covers,
/// with our own registries, targets and folder contents. Expected texts are written by hand from
/// the template rules: single quotes, blank line between blocks, no trailing newline.
///
/// Spegel's basic-auth case (a `[host.'…'.header]` table with `Authorization`) has no counterpart:
/// MirrorConfig carries no credentials.
@Suite struct MirrorPlannerLayoutTests {
    @Test func everyTargetGetsAHostBlockInTheGivenOrder() throws {
        let config = MirrorConfig(
            registries: ["http://registry.internal.test:5000"],
            targets: ["http://10.20.0.7:30020", "http://10.20.0.8:30020", "http://10.20.0.7:30021"])
        let plan = try planMirror(config)

        #expect(plan.writtenPaths() == ["registry.internal.test:5000/hosts.toml"])
        #expect(
            plan.text(at: "registry.internal.test:5000/hosts.toml") == """
                server = 'http://registry.internal.test:5000'

                [host.'http://10.20.0.7:30020']
                capabilities = ['pull', 'resolve']
                dial_timeout = '200ms'

                [host.'http://10.20.0.8:30020']
                capabilities = ['pull', 'resolve']
                dial_timeout = '200ms'

                [host.'http://10.20.0.7:30021']
                capabilities = ['pull', 'resolve']
                dial_timeout = '200ms'
                """)
    }

    @Test func noRegistriesMeansTheDefaultFolderWithoutServer() throws {
        let plan = try planMirror(MirrorConfig(registries: [], targets: ["http://10.20.0.7:30020"]))

        #expect(plan.writtenPaths() == ["_default/hosts.toml"])
        #expect(
            plan.text(at: "_default/hosts.toml") == """
                [host.'http://10.20.0.7:30020']
                capabilities = ['pull', 'resolve']
                dial_timeout = '200ms'
                """)
    }

    @Test(arguments: ["_default", "*"])
    func explicitWildcardMeansTheDefaultFolder(wildcard: String) throws {
        let config = MirrorConfig(registries: [wildcard, "https://quay.io"], targets: ["http://10.20.0.7:30020"])
        let plan = try planMirror(config)

        #expect(plan.writtenPaths() == ["_default/hosts.toml", "quay.io/hosts.toml"])
        #expect(plan.text(at: "_default/hosts.toml")?.contains("server") == false)
        #expect(plan.text(at: "quay.io/hosts.toml")?.hasPrefix("server = 'https://quay.io'\n\n") == true)
    }

    @Test func resolveTagsOffLeavesOnlyPull() throws {
        let config = MirrorConfig(
            registries: ["https://docker.io", "http://registry.internal.test:5000"],
            targets: ["http://10.20.0.7:30020"], resolveTags: false)
        let plan = try planMirror(config)

        #expect(
            plan.text(at: "docker.io/hosts.toml") == """
                server = 'https://registry-1.docker.io'

                [host.'http://10.20.0.7:30020']
                capabilities = ['pull']
                dial_timeout = '200ms'
                """)
        #expect(
            plan.text(at: "registry.internal.test:5000/hosts.toml") == """
                server = 'http://registry.internal.test:5000'

                [host.'http://10.20.0.7:30020']
                capabilities = ['pull']
                dial_timeout = '200ms'
                """)
    }

    @Test func onlyTheExactDockerHubURLIsRewritten() throws {
        let config = MirrorConfig(
            registries: ["http://docker.io", "https://docker.io:443"], targets: ["http://10.20.0.7:30020"])
        let plan = try planMirror(config)

        #expect(plan.writtenPaths() == ["docker.io/hosts.toml", "docker.io:443/hosts.toml"])
        #expect(plan.text(at: "docker.io/hosts.toml")?.hasPrefix("server = 'http://docker.io'\n") == true)
        #expect(plan.text(at: "docker.io:443/hosts.toml")?.hasPrefix("server = 'https://docker.io:443'\n") == true)
    }

    @Test func schemeIsWrittenInLowerCaseLikeGoParsesIt() throws {
        let plan = try planMirror(MirrorConfig(registries: ["HTTPS://Quay.io"], targets: ["HTTP://10.20.0.7:30020"]))

        #expect(plan.writtenPaths() == ["Quay.io/hosts.toml"])
        #expect(
            plan.text(at: "Quay.io/hosts.toml")?.hasPrefix(
                "server = 'https://Quay.io'\n\n[host.'http://10.20.0.7:30020']") == true)
    }

    /// An absent folder and an empty one are the same snapshot; both get an (empty) backup first,
    /// which is how a later run knows the original state is already saved.
    @Test func emptyOrAbsentFolderIsBackedUpThenWritten() throws {
        let config = MirrorConfig(
            registries: ["https://docker.io", "http://registry.internal.test:5000"], targets: ["http://10.20.0.7:30020"]
        )
        let plan = try planMirror(config)

        #expect(plan.steps.first == .backup(directory: certsDirectory, backupName: "_backup"))
        #expect(plan.removedPaths.isEmpty)
        #expect(plan.writtenPaths() == ["docker.io/hosts.toml", "registry.internal.test:5000/hosts.toml"])
        #expect(plan.files.allSatisfy { $0.mode == 0o644 })

        var folder = SimulatedCertsDirectory()
        folder.apply(plan)
        #expect(folder.entries["_backup"] == .directory)
        #expect(Set(folder.files.keys) == ["docker.io/hosts.toml", "registry.internal.test:5000/hosts.toml"])
    }

    @Test func existingConfigurationIsMovedIntoTheBackup() throws {
        let before = SimulatedCertsDirectory(files: [
            "docker.io/hosts.toml": "server = 'https://mirror.corp.test'",
            "ghcr.io/hosts.toml": "capabilities = ['pull']",
            "notes.txt": "hand-made",
        ])
        let config = MirrorConfig(
            registries: ["https://docker.io", "http://registry.internal.test:5000"], targets: ["http://10.20.0.7:30020"]
        )
        let plan = try planMirror(config, existing: before)

        #expect(plan.steps.first == .backup(directory: certsDirectory, backupName: "_backup"))
        #expect(plan.backupSteps.count == 1)
        #expect(plan.removedPaths.isEmpty)

        var after = before
        after.apply(plan)
        #expect(
            after.files == [
                "_backup/docker.io/hosts.toml": "server = 'https://mirror.corp.test'",
                "_backup/ghcr.io/hosts.toml": "capabilities = ['pull']",
                "_backup/notes.txt": "hand-made",
                "docker.io/hosts.toml": plan.text(at: "docker.io/hosts.toml")!,
                "registry.internal.test:5000/hosts.toml": plan.text(at: "registry.internal.test:5000/hosts.toml")!,
            ])
        #expect(after.files["docker.io/hosts.toml"]?.hasPrefix("server = 'https://registry-1.docker.io'") == true)
    }

    @Test func existingBackupIsKeptAndEverythingElseCleared() throws {
        let before = SimulatedCertsDirectory([
            "_backup/docker.io/hosts.toml": .file(Array("server = 'https://first.corp.test'".utf8)),
            "_backup/quay.io/hosts.toml": .file(Array("capabilities = ['pull']".utf8)),
            "stray.txt": .file(Array("left by hand".utf8)),
            "leftover": .directory,
            "leftover/ca.crt": .file([1, 2, 3]),
            "docker.io/hosts.toml": .file(Array("stale".utf8)),
            "docker.io/old-ca.crt": .file([4, 5]),
            "registry.internal.test:5000": .other,
        ])
        let config = MirrorConfig(
            registries: ["https://docker.io", "http://registry.internal.test:5000"], targets: ["http://10.20.0.7:30020"]
        )
        let plan = try planMirror(config, existing: before)

        #expect(plan.backupSteps.isEmpty)
        #expect(
            plan.removedPaths == [
                certsDirectory + "/docker.io/old-ca.crt",
                certsDirectory + "/leftover",
                certsDirectory + "/registry.internal.test:5000",
                certsDirectory + "/stray.txt",
            ])
        #expect(plan.writtenPaths() == ["docker.io/hosts.toml", "registry.internal.test:5000/hosts.toml"])

        var after = before
        after.apply(plan)
        #expect(
            Set(after.files.keys) == [
                "_backup/docker.io/hosts.toml", "_backup/quay.io/hosts.toml",
                "docker.io/hosts.toml", "registry.internal.test:5000/hosts.toml",
            ])
        #expect(after.files["_backup/docker.io/hosts.toml"] == "server = 'https://first.corp.test'")
    }

    @Test func ipv6NodeAddressIsBracketedInTargetsAndFolders() throws {
        let config = MirrorConfig(
            registries: ["http://${NODE_IP}:5000"],
            targets: ["http://${NODE_IP}:30020", "https://cache.internal.test"])
        let plan = try planMirror(config, nodeAddress: "fd00:10:20::7")

        #expect(plan.writtenPaths() == ["[fd00:10:20::7]:5000/hosts.toml"])
        #expect(
            plan.text(at: "[fd00:10:20::7]:5000/hosts.toml") == """
                server = 'http://[fd00:10:20::7]:5000'

                [host.'http://[fd00:10:20::7]:30020']
                capabilities = ['pull', 'resolve']
                dial_timeout = '200ms'

                [host.'https://cache.internal.test']
                capabilities = ['pull', 'resolve']
                dial_timeout = '200ms'
                """)
    }

    @Test func ipv4NodeAddressReplacesThePlaceholder() throws {
        let plan = try planMirror(MirrorConfig(targets: ["http://${NODE_IP}:30020"]), nodeAddress: "172.31.4.19")
        #expect(plan.text(at: "_default/hosts.toml")?.hasPrefix("[host.'http://172.31.4.19:30020']\n") == true)
    }

    @Test func renderedFileParsesToTheIntendedValues() throws {
        let config = MirrorConfig(
            registries: ["https://docker.io"], targets: ["http://${NODE_IP}:30020", "http://10.20.0.9:30021"],
            resolveTags: true)
        let text = try #require(try planMirror(config, nodeAddress: "10.20.0.7").text(at: "docker.io/hosts.toml"))
        let parsed = try TOMLTable(string: text)

        #expect(parsed.keys.sorted() == ["host", "server"])
        #expect(parsed["server"]?.string == "https://registry-1.docker.io")
        let hosts = try #require(parsed["host"]?.table)
        #expect(hosts.keys.sorted() == ["http://10.20.0.7:30020", "http://10.20.0.9:30021"])
        for name in hosts.keys {
            let host = try #require(hosts[name]?.table)
            #expect(host.keys.sorted() == ["capabilities", "dial_timeout"])
            #expect(host["capabilities"]?.array?.map { $0.string } == ["pull", "resolve"])
            #expect(host["dial_timeout"]?.string == "200ms")
        }
        #expect(HostTableHeaderScanner.hostNames(in: text) == ["http://10.20.0.7:30020", "http://10.20.0.9:30021"])
    }
}
