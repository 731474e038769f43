import Foundation
import NodePrepCore
import NodePrepSystem
import Testing

/// `.backup` steps: the first state of a folder is kept once, crash-safely.
struct PlanWriterBackupTests: WriterSandboxSuite {
    let sandbox: WriterSandbox
    let certs = "/etc/containerd/certs.d"
    let backup = PlanWriterBackupTests.backupStep

    static let backupStep = Plan.Step.backup(directory: "/etc/containerd/certs.d", backupName: "_original")

    init() throws {
        sandbox = try WriterSandbox()
    }

    /// Every path below `nodePath` on the host, relative and sorted.
    func tree(_ nodePath: String) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: host(nodePath)).sorted()
    }

    func seedOriginalState() throws {
        try folder.write("root\(certs)/docker.io/hosts.toml", Array("docker".utf8))
        try folder.write("root\(certs)/_default/hosts.toml", Array("default".utf8))
        try folder.write("root\(certs)/notes.txt", Array("notes".utf8))
    }

    @Test func firstBackupMovesEveryEntry() throws {
        try seedOriginalState()

        #expect(try writer.apply(backup) == .backedUp(directory: certs, backupName: "_original", entries: 3))
        #expect(
            try tree(certs) == [
                "_original", "_original/_default", "_original/_default/hosts.toml", "_original/docker.io",
                "_original/docker.io/hosts.toml", "_original/notes.txt",
            ])
        #expect(FileInspection.bytes(host("\(certs)/_original/docker.io/hosts.toml")) == Array("docker".utf8))
    }

    @Test func laterBackupKeepsTheFirstState() throws {
        try seedOriginalState()
        try writer.apply(backup)
        try folder.write("root\(certs)/mirror.local/hosts.toml", Array("ours".utf8))

        #expect(try writer.apply(backup) == .backupKept(directory: certs, backupName: "_original"))
        #expect(try tree(certs).filter { !$0.hasPrefix("_original") } == ["mirror.local", "mirror.local/hosts.toml"])
        #expect(try tree("\(certs)/_original").count == 5)
    }

    @Test func interruptedBackupResumesFromStaging() throws {
        // A crashed run had moved docker.io into staging; the rest is still in place.
        try seedOriginalState()
        let staging = "\(certs)/\(PlanWriter.backupStagingName)"
        try FileInspection.makeDirectory(host(staging))
        try FileManager.default.moveItem(atPath: host("\(certs)/docker.io"), toPath: host("\(staging)/docker.io"))

        #expect(try writer.apply(backup) == .backedUp(directory: certs, backupName: "_original", entries: 3))
        #expect(try FileManager.default.contentsOfDirectory(atPath: host(certs)) == ["_original"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: host("\(certs)/_original")).sorted()
                == ["_default", "docker.io", "notes.txt"])
    }

    @Test func missingFolderGetsAnEmptyBackup() throws {
        #expect(try writer.apply(backup) == .backedUp(directory: certs, backupName: "_original", entries: 0))
        #expect(try tree(certs) == ["_original"])
        // The next run sees the backup and leaves nodeprep's own files alone.
        try folder.write("root\(certs)/mirror.local/hosts.toml", Array("ours".utf8))
        #expect(try writer.apply(backup) == .backupKept(directory: certs, backupName: "_original"))
    }

    @Test func entryAlreadyInStagingIsAConflict() throws {
        try seedOriginalState()
        let staging = "\(certs)/\(PlanWriter.backupStagingName)"
        try folder.write("root\(staging)/notes.txt", Array("older".utf8))

        #expect(throws: NodeFileError(path: staging, reason: .backupConflict("notes.txt"))) {
            try writer.apply(backup)
        }
        #expect(!FileInspection.exists(host("\(certs)/_original")))
        #expect(FileInspection.bytes(host("\(staging)/notes.txt")) == Array("older".utf8))
    }

    @Test func backupNameThatIsAFileIsRefused() throws {
        try folder.write("root\(certs)/_original", Array("file".utf8))
        #expect(throws: NodeFileError(path: "\(certs)/_original", reason: .notADirectory)) {
            try writer.apply(backup)
        }
    }

    @Test func symlinkedFolderIsNotBackedUp() throws {
        try FileInspection.makeDirectory(folder.path("outside/keep"))
        try FileInspection.makeDirectory(host("/etc/containerd"))
        try FileInspection.symlink(host(certs), to: folder.path("outside"))

        #expect(throws: NodeFileError(path: certs, reason: .symlink)) { try writer.apply(backup) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("outside")) == ["keep"])
    }

    @Test(arguments: ["", "..", "a/b", PlanWriter.backupStagingName])
    func unusableBackupNameIsRejected(name: String) throws {
        try seedOriginalState()
        let error = #expect(throws: NodeFileError.self) {
            try writer.apply(Plan(steps: [.backup(directory: certs, backupName: name)]))
        }
        guard case .invalidPath? = error?.reason else {
            Issue.record("expected invalidPath, got \(String(describing: error))")
            return
        }
        #expect(try tree(certs).count == 5)
    }
}
