import Foundation
import NodePrepCore
import NodePrepSystem
import Testing

/// Plans with many writes: staged together, flushed once, and cleaned of what killed runs left.
struct PlanWriterBatchTests: WriterSandboxSuite {
    let sandbox: WriterSandbox

    init() throws {
        sandbox = try WriterSandbox()
    }

    /// More folders than one batch keeps open, so the batch commits early at least once.
    @Test func manyFilesInManyFoldersAreAllWrittenInPlanOrder() throws {
        let paths = (0..<300).map { "/etc/containerd/certs.d/r\($0).example.com/hosts.toml" }
        let plan = Plan(steps: paths.map { .write(PlannedFile(path: $0, text: "server = '\($0)'\n")) })

        let results = try writer.apply(plan)

        #expect(results == paths.map { .written(path: $0) })
        for path in paths {
            #expect(FileInspection.bytes(host(path)) == Array("server = '\(path)'\n".utf8))
        }
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: host("/etc")).filter { $0.contains(".tmp") }
        #expect(leftovers.isEmpty)
        #expect(try writer.apply(plan) == paths.map { .unchanged(path: $0) })
    }

    /// The check before writing opens each folder once and starts over past the open-folder
    /// limit; a symlink that comes after that point still stops the whole plan.
    @Test func aSymlinkedTargetLateInALongPlanStopsItBeforeAnyWrite() throws {
        let paths = (0..<300).map { "/etc/containerd/certs.d/r\($0).example.com/hosts.toml" }
        for path in paths { try FileInspection.makeDirectory(host(String(path.dropLast("/hosts.toml".count)))) }
        try FileInspection.symlink(host(paths[290]), to: folder.path("outside"))
        let plan = Plan(steps: paths.map { .write(PlannedFile(path: $0, text: "x")) })

        #expect(throws: NodeFileError(path: paths[290], reason: .symlink)) { try writer.apply(plan) }
        #expect(paths.filter { FileInspection.exists(host($0)) } == [paths[290]])
    }

    @Test func temporaryFilesOfAKilledRunAreRemovedWhenTheFolderIsWrittenAgain() throws {
        try FileInspection.makeDirectory(host("/etc/containerd"))
        try folder.write("root/etc/containerd/.nodeprep-5eed.tmp", Array("half a fi".utf8))
        try folder.write("root/etc/containerd/config.toml", Array("version = 2\n".utf8))

        // Even when the planned file is already right, the folder is cleaned.
        let results = try writer.apply(
            Plan(steps: [.write(PlannedFile(path: "/etc/containerd/config.toml", text: "version = 2\n"))]))

        #expect(results == [.unchanged(path: "/etc/containerd/config.toml")])
        #expect(try FileManager.default.contentsOfDirectory(atPath: host("/etc/containerd")) == ["config.toml"])
    }

    @Test func onlyNodeprepsTemporaryFilesAreRemoved() throws {
        try FileInspection.makeDirectory(host("/etc/containerd/.nodeprep-folder.tmp"))
        for name in [".nodeprep-.tmp", ".nodeprep-notes", "nodeprep-1.tmp", "x.tmp"] {
            try folder.write("root/etc/containerd/" + name, [1])
        }

        try writer.apply(Plan(steps: [.write(PlannedFile(path: "/etc/containerd/config.toml", text: "x"))]))

        #expect(
            try FileManager.default.contentsOfDirectory(atPath: host("/etc/containerd")).sorted() == [
                ".nodeprep-.tmp", ".nodeprep-folder.tmp", ".nodeprep-notes", "config.toml", "nodeprep-1.tmp", "x.tmp",
            ])
    }

    @Test func aRefusedFileLeavesTheEarlierFilesOfItsBatchUnwritten() throws {
        try FileInspection.makeDirectory(host("/etc/containerd/config.toml"))
        let plan = Plan(steps: [
            .write(PlannedFile(path: "/var/lib/nodeprep/state.json", text: "{}")),
            .write(PlannedFile(path: "/etc/containerd/config.toml", text: "x")),
        ])

        #expect(throws: NodeFileError(path: "/etc/containerd/config.toml", reason: .notARegularFile)) {
            try writer.apply(plan)
        }
        // The refusal is found before the first write: the earlier file of the batch is not there.
        #expect(!FileManager.default.fileExists(atPath: host("/var/lib/nodeprep/state.json")))
    }

    @Test func theSamePathTwiceEndsWithTheLaterContents() throws {
        let results = try writer.apply(
            Plan(steps: [
                .write(PlannedFile(path: "/etc/a", text: "1")),
                .write(PlannedFile(path: "/etc/a", text: "2")),
                .write(PlannedFile(path: "/etc/a", text: "2")),
            ]))
        #expect(results == [.written(path: "/etc/a"), .written(path: "/etc/a"), .unchanged(path: "/etc/a")])
        #expect(FileInspection.bytes(host("/etc/a")) == Array("2".utf8))
    }
}
