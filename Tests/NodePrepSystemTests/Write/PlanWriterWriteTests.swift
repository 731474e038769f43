import Foundation
import Glibc
import NodePrepCore
import NodePrepSystem
import Testing

/// `.write` steps under a temporary `--root`.
struct PlanWriterWriteTests: WriterSandboxSuite {
    let sandbox: WriterSandbox

    init() throws {
        sandbox = try WriterSandbox()
    }

    @Test func writesUnderTheRootCreatingFoldersWithExactModes() throws {
        // A strict umask must not leak into the result: folders are 0755, files get their mode.
        let previous = umask(0o077)
        defer { umask(previous) }
        let results = try writer.apply(
            Plan(steps: [
                .write(PlannedFile(path: "/etc/containerd/config.toml", text: "version = 3\n")),
                .write(PlannedFile(path: "/usr/local/bin/hook", text: "#!/bin/sh\n", mode: 0o755)),
            ]))

        #expect(results == [.written(path: "/etc/containerd/config.toml"), .written(path: "/usr/local/bin/hook")])
        #expect(FileInspection.bytes(host("/etc/containerd/config.toml")) == Array("version = 3\n".utf8))
        #expect(FileInspection.mode(host("/etc/containerd/config.toml")) == 0o644)
        #expect(FileInspection.mode(host("/usr/local/bin/hook")) == 0o755)
        #expect(FileInspection.mode(host("/etc")) == 0o755)
        #expect(FileInspection.mode(host("/etc/containerd")) == 0o755)
        #expect(try folder.contents().filter { !$0.hasPrefix("root") }.isEmpty)
    }

    @Test func identicalContentsAreLeftUntouched() throws {
        let file = PlannedFile(path: "/etc/containerd/config.toml", text: "same\n")
        try writer.apply(.write(file))
        FileInspection.setModificationSeconds(host("/etc/containerd/config.toml"), 1_000_000_000)

        #expect(try writer.apply(.write(file)) == .unchanged(path: "/etc/containerd/config.toml"))
        #expect(FileInspection.modificationSeconds(host("/etc/containerd/config.toml")) == 1_000_000_000)
    }

    @Test func changedContentsReplaceTheFileWithoutLeftovers() throws {
        try writer.apply(.write(PlannedFile(path: "/etc/containerd/config.toml", text: "old\n")))
        #expect(
            try writer.apply(.write(PlannedFile(path: "/etc/containerd/config.toml", text: "new\n")))
                == .written(path: "/etc/containerd/config.toml"))
        #expect(FileInspection.bytes(host("/etc/containerd/config.toml")) == Array("new\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: host("/etc/containerd")) == ["config.toml"])
    }

    @Test func changedModeAloneIsRewritten() throws {
        try writer.apply(.write(PlannedFile(path: "/etc/key", text: "k", mode: 0o644)))
        #expect(
            try writer.apply(.write(PlannedFile(path: "/etc/key", text: "k", mode: 0o600)))
                == .written(path: "/etc/key"))
        #expect(FileInspection.mode(host("/etc/key")) == 0o600)
    }

    @Test func emptyFileIsWritten() throws {
        #expect(try writer.apply(.write(PlannedFile(path: "/etc/empty", contents: []))) == .written(path: "/etc/empty"))
        #expect(FileInspection.bytes(host("/etc/empty")) == [])
    }

    @Test func symlinkedParentFolderIsRefusedAndNothingIsWrittenOutside() throws {
        try FileInspection.makeDirectory(folder.path("outside"))
        try FileInspection.makeDirectory(host("/etc"))
        try FileInspection.symlink(host("/etc/containerd"), to: folder.path("outside"))

        #expect(throws: NodeFileError(path: "/etc/containerd", reason: .symlink)) {
            try writer.apply(.write(PlannedFile(path: "/etc/containerd/config.toml", text: "x")))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("outside")) == [])
    }

    @Test func danglingSymlinkedFolderIsRefusedNotCreatedThrough() throws {
        try FileInspection.symlink(host("/etc"), to: folder.path("missing"))

        #expect(throws: NodeFileError(path: "/etc", reason: .symlink)) {
            try writer.apply(.write(PlannedFile(path: "/etc/containerd/config.toml", text: "x")))
        }
        #expect(!FileInspection.exists(folder.path("missing")))
    }

    @Test func symlinkedTargetFileIsRefusedAndItsTargetKept() throws {
        let victim = try folder.write("outside/victim", Array("victim".utf8))
        try FileInspection.makeDirectory(host("/etc/containerd"))
        try FileInspection.symlink(host("/etc/containerd/config.toml"), to: victim)

        let error = #expect(throws: NodeFileError.self) {
            try writer.apply(.write(PlannedFile(path: "/etc/containerd/config.toml", text: "x")))
        }
        #expect(error == NodeFileError(path: "/etc/containerd/config.toml", reason: .symlink))
        #expect(error?.description == "/etc/containerd/config.toml: is a symlink; refusing to follow it")
        #expect(FileInspection.bytes(victim) == Array("victim".utf8))
        #expect(FileInspection.isSymlink(host("/etc/containerd/config.toml")))
    }

    @Test func folderAtTheTargetIsRefused() throws {
        try FileInspection.makeDirectory(host("/etc/containerd/config.toml"))
        #expect(throws: NodeFileError(path: "/etc/containerd/config.toml", reason: .notARegularFile)) {
            try writer.apply(.write(PlannedFile(path: "/etc/containerd/config.toml", text: "x")))
        }
    }

    @Test func fileWhereAFolderIsNeededIsRefused() throws {
        try folder.write("root/etc", Array("not a folder".utf8))
        #expect(throws: NodeFileError(path: "/etc", reason: .notADirectory)) {
            try writer.apply(.write(PlannedFile(path: "/etc/containerd/config.toml", text: "x")))
        }
    }

    @Test(arguments: ["etc/relative", "/etc/../escape", "/etc/./x", "/"])
    func invalidPathInAPlanChangesNothing(badPath: String) throws {
        let plan = Plan(steps: [
            .write(PlannedFile(path: "/etc/first", text: "1")),
            .write(PlannedFile(path: badPath, text: "2")),
        ])
        let error = #expect(throws: NodeFileError.self) { try writer.apply(plan) }
        guard case .invalidPath? = error?.reason else {
            Issue.record("expected invalidPath, got \(String(describing: error))")
            return
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("root")) == [])
    }

    @Test func reportsEachStepAsItIsApplied() throws {
        var reported: [PlanStepResult] = []
        let results = try writer.apply(
            Plan(steps: [
                .write(PlannedFile(path: "/a", text: "1")), .remove(path: "/b"),
                .write(PlannedFile(path: "/a", text: "1")),
            ]),
            onStep: { reported.append($0) })
        #expect(reported == [.written(path: "/a"), .alreadyAbsent(path: "/b"), .unchanged(path: "/a")])
        #expect(results == reported)
    }
}
