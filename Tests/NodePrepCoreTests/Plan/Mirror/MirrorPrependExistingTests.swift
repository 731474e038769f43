import TOMLKit
import Testing

@testable import NodePrepCore

/// prependExisting: the mirror's hosts first, then the host tables of the backed-up `hosts.toml`,
/// re-emitted with sorted keys and single quotes, plus the other files of that registry's folder.
@Suite struct MirrorPrependExistingTests {
    /// A hand-written file in another style: double quotes, indentation, comments, a header table
    /// declared before its host, an empty `[host]`, and look-alike headers inside strings.
    static let previousHostsFile = #"""
        # Hosts set up by hand before nodeprep.
        server = "https://registry-1.docker.io"
        capabilities = ["pull"]
        notes = """
        [host.'https://not-a-host.test']
        """

        [host."https://pull-through.corp.test"]
          skip_verify = false
          capabilities = ["pull", "resolve"]
          ca = "certs/corp-ca.pem"
          [host."https://pull-through.corp.test".header]
            X-Team = ["platform", "infra"]

        [host]

        [host."https://backup-cache.corp.test".header]
          Authorization = "Bearer it's-a-token"

        [host.'https://second.corp.test']   # comment after a header
          client = [
            ["certs/client.crt", "certs/client.key"],
            ["certs/other.pem", ""],
          ]
          override_path = true

        [host."https://backup-cache.corp.test"]
          capabilities = ["pull"]
        """#

    static let mirrorBlock = """
        server = 'https://registry-1.docker.io'

        [host.'http://10.20.0.7:30020']
        capabilities = ['pull', 'resolve']
        dial_timeout = '200ms'
        """

    static let keptHostTables = """
        [host.'https://pull-through.corp.test']
        ca = 'certs/corp-ca.pem'
        capabilities = ['pull', 'resolve']
        skip_verify = false

        [host.'https://pull-through.corp.test'.header]
        X-Team = ['platform', 'infra']

        [host.'https://second.corp.test']
        client = [['certs/client.crt', 'certs/client.key'], ['certs/other.pem', '']]
        override_path = true

        [host.'https://backup-cache.corp.test']
        capabilities = ['pull']

        [host.'https://backup-cache.corp.test'.header]
        Authorization = "Bearer it's-a-token"
        """

    static let backedUpFolder = SimulatedCertsDirectory([
        "_backup/docker.io/hosts.toml": .file(Array(previousHostsFile.utf8)),
        "_backup/docker.io/certs/corp-ca.pem": .file(Array("CA".utf8)),
        "_backup/docker.io/certs/client.crt": .file([0xDE, 0xAD]),
        "_backup/docker.io/certs/hosts.toml": .file(Array("nested, never copied".utf8)),
        "_backup/docker.io/link.pem": .other,
        "_backup/quay.io/hosts.toml": .file(Array("[host.'https://quay-cache.corp.test']".utf8)),
    ])

    static let config = MirrorConfig(
        registries: ["https://docker.io", "http://registry.internal.test:5000"],
        targets: ["http://${NODE_IP}:30020"], prependExisting: true)

    @Test func backedUpHostsFollowTheMirrorAndTheirFilesAreCopied() throws {
        let plan = try planMirror(Self.config, existing: Self.backedUpFolder)

        #expect(plan.text(at: "docker.io/hosts.toml") == Self.mirrorBlock + "\n\n" + Self.keptHostTables)
        #expect(
            plan.writtenPaths() == [
                "docker.io/certs/client.crt", "docker.io/certs/corp-ca.pem", "docker.io/hosts.toml",
                "registry.internal.test:5000/hosts.toml",
            ])
        #expect(plan.files.first { $0.path.hasSuffix("client.crt") }?.contents == [0xDE, 0xAD])
        #expect(plan.text(at: "registry.internal.test:5000/hosts.toml")?.contains("corp.test") == false)
    }

    @Test func keptFileParsesAndKeepsHostOrder() throws {
        let plan = try planMirror(Self.config, existing: Self.backedUpFolder)
        let text = try #require(plan.text(at: "docker.io/hosts.toml"))
        let parsed = try TOMLTable(string: text)

        #expect(
            HostTableHeaderScanner.hostNames(in: text) == [
                "http://10.20.0.7:30020", "https://pull-through.corp.test", "https://second.corp.test",
                "https://backup-cache.corp.test",
            ])
        #expect(parsed.keys.sorted() == ["host", "server"])
        let cache = try #require(parsed["host"]?["https://backup-cache.corp.test"]?.table)
        #expect(cache["header"]?["Authorization"]?.string == "Bearer it's-a-token")
        let second = try #require(parsed["host"]?["https://second.corp.test"]?.table)
        #expect(second["client"]?.array?.count == 2)
        #expect(second["override_path"]?.bool == true)
    }

    /// On the first run the backup does not exist yet: the hosts come from the folder that the
    /// plan's backup step is about to move.
    @Test func firstRunKeepsHostsFromTheFolderBeingBackedUp() throws {
        let before = SimulatedCertsDirectory([
            "docker.io/hosts.toml": .file(Array(Self.previousHostsFile.utf8)),
            "docker.io/certs/corp-ca.pem": .file(Array("CA".utf8)),
        ])
        let plan = try planMirror(Self.config, existing: before)

        #expect(plan.steps.first == .backup(directory: certsDirectory, backupName: "_backup"))
        #expect(plan.text(at: "docker.io/hosts.toml") == Self.mirrorBlock + "\n\n" + Self.keptHostTables)

        var after = before
        after.apply(plan)
        #expect(after.files["_backup/docker.io/hosts.toml"] == Self.previousHostsFile)
        #expect(after.files["docker.io/certs/corp-ca.pem"] == "CA")
    }

    @Test func disabledPrependKeepsOnlyTheMirror() throws {
        var config = Self.config
        config.prependExisting = false
        let plan = try planMirror(config, existing: Self.backedUpFolder)

        #expect(plan.text(at: "docker.io/hosts.toml") == Self.mirrorBlock)
        #expect(plan.writtenPaths() == ["docker.io/hosts.toml", "registry.internal.test:5000/hosts.toml"])
    }

    /// Spegel would append the same table twice, which containerd refuses, dropping the mirror.
    @Test func backedUpHostEqualToATargetIsNotRepeated() throws {
        let previous = """
            [host.'http://10.20.0.7:30020']
            capabilities = ['pull']

            [host.'https://other.corp.test']
            capabilities = ['pull']
            """
        let folder = SimulatedCertsDirectory(files: [
            "_backup/_default/hosts.toml": previous, "_backup/_default/ca.pem": "CA",
        ])
        let plan = try planMirror(
            MirrorConfig(targets: ["http://${NODE_IP}:30020"], prependExisting: true), existing: folder)

        #expect(
            plan.text(at: "_default/hosts.toml") == """
                [host.'http://10.20.0.7:30020']
                capabilities = ['pull', 'resolve']
                dial_timeout = '200ms'

                [host.'https://other.corp.test']
                capabilities = ['pull']
                """)
        _ = try TOMLTable(string: plan.text(at: "_default/hosts.toml")!)
    }

    @Test func onlyDuplicateHostsLeaveNothingToAppendButFilesAreKept() throws {
        let folder = SimulatedCertsDirectory(files: [
            "_backup/_default/hosts.toml": "[host.'http://10.20.0.7:30020']\ncapabilities = ['pull']",
            "_backup/_default/ca.pem": "CA",
        ])
        let plan = try planMirror(
            MirrorConfig(targets: ["http://10.20.0.7:30020"], prependExisting: true), existing: folder)

        #expect(
            plan.text(at: "_default/hosts.toml")
                == "[host.'http://10.20.0.7:30020']\ncapabilities = ['pull', 'resolve']\ndial_timeout = '200ms'")
        #expect(plan.writtenPaths() == ["_default/ca.pem", "_default/hosts.toml"])
    }

    /// Hosts given only as dotted keys or inline tables are not used by containerd 2.x, and Spegel
    /// does not keep them; without a `[host.X]` table nothing is kept, not even certificates.
    @Test func fileWithoutHostTablesKeepsNothing() throws {
        let previous = """
            server = 'https://registry-1.docker.io'
            host.'https://dotted.corp.test'.capabilities = ['pull']
            """
        let folder = SimulatedCertsDirectory(files: [
            "_backup/docker.io/hosts.toml": previous, "_backup/docker.io/ca.pem": "CA",
        ])
        let plan = try planMirror(
            MirrorConfig(registries: ["https://docker.io"], targets: ["http://10.20.0.7:30020"], prependExisting: true),
            existing: folder)

        #expect(plan.text(at: "docker.io/hosts.toml") == Self.mirrorBlock)
        #expect(plan.writtenPaths() == ["docker.io/hosts.toml"])
    }

    @Test func unreadableBackupHostsFileIsAnError() {
        let folder = CertsDirectorySnapshot(entries: [
            "_backup/docker.io/hosts.toml": .file(Array("[host.'x'\ncapabilities =".utf8))
        ])
        let config = MirrorConfig(
            registries: ["https://docker.io"], targets: ["http://10.20.0.7:30020"], prependExisting: true)

        guard case .unreadableBackupHostsFile(let path, let reason) = mirrorPlanError(config, existing: folder) else {
            Issue.record("expected unreadableBackupHostsFile")
            return
        }
        #expect(path == certsDirectory + "/_backup/docker.io/hosts.toml")
        #expect(reason.hasPrefix("it is not valid TOML (line 1"))

        let binary = CertsDirectorySnapshot(entries: ["_backup/docker.io/hosts.toml": .file([0xFF, 0xFE])])
        #expect(
            mirrorPlanError(config, existing: binary)
                == .unreadableBackupHostsFile(path: path, reason: "it is not UTF-8 text"))
        let folderInstead = CertsDirectorySnapshot(entries: ["_backup/docker.io/hosts.toml/x": .file([])])
        #expect(
            mirrorPlanError(config, existing: folderInstead)
                == .unreadableBackupHostsFile(path: path, reason: "it is not a regular file"))
    }

    @Test func unreadableBackupIsIgnoredWithoutPrepend() throws {
        let folder = SimulatedCertsDirectory(files: ["_backup/docker.io/hosts.toml": "[[[ not toml"])
        let plan = try planMirror(
            MirrorConfig(registries: ["https://docker.io"], targets: ["http://10.20.0.7:30020"]), existing: folder)
        #expect(plan.text(at: "docker.io/hosts.toml") == Self.mirrorBlock)
    }
}
