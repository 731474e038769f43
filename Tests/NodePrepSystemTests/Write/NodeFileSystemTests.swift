import Foundation
import NodePrepCore
import NodePrepSystem
import Testing

/// Root mapping and the read side the planner uses.
struct NodeFileSystemTests {
    @Test(arguments: [nil, "", "/", "//"])
    func realRootMapsPathsToThemselves(root: String?) {
        let fileSystem = NodeFileSystem(root: root)
        #expect(fileSystem.root == "/")
        #expect(fileSystem.hostPath("/etc/containerd/config.toml") == "/etc/containerd/config.toml")
    }

    @Test func rootFolderPrefixesPaths() {
        #expect(NodeFileSystem(root: "/srv/image/").hostPath("/etc/x") == "/srv/image/etc/x")
    }

    @Test func realRootWritesAtTheGivenPath() throws {
        let folder = try TemporaryFolder()
        // Resolve /tmp-style symlinks of the host itself; the writer refuses those below the root.
        let real = try #require(
            realpath(folder.path, nil).map { pointer in
                defer { free(pointer) }
                return String(cString: pointer)
            })
        let writer = PlanWriter(fileSystem: NodeFileSystem(root: nil))

        try writer.apply(.write(PlannedFile(path: real + "/sub/file", text: "real root")))

        #expect(FileInspection.bytes(real + "/sub/file") == Array("real root".utf8))
    }

    @Test func readsFilesUnderTheRoot() throws {
        let folder = try TemporaryFolder()
        try folder.write("etc/containerd/config.toml", Array("version = 2\n".utf8))
        let fileSystem = NodeFileSystem(root: folder.path)

        #expect(try fileSystem.read("/etc/containerd/config.toml") == Array("version = 2\n".utf8))
        #expect(try fileSystem.read("/etc/containerd/missing.toml") == nil)
        #expect(try fileSystem.read("/missing/folder/file") == nil)
    }

    @Test func readRefusesSymlinksAndFolders() throws {
        let folder = try TemporaryFolder()
        let secret = try folder.write("outside/secret", Array("secret".utf8))
        try FileInspection.makeDirectory(folder.path("root/etc"))
        try FileInspection.symlink(folder.path("root/etc/config.toml"), to: secret)
        try FileInspection.symlink(folder.path("root/linked"), to: folder.path("outside"))
        let fileSystem = NodeFileSystem(root: folder.path("root"))

        #expect(throws: NodeFileError(path: "/etc/config.toml", reason: .symlink)) {
            try fileSystem.read("/etc/config.toml")
        }
        #expect(throws: NodeFileError(path: "/linked", reason: .symlink)) { try fileSystem.read("/linked/secret") }
        #expect(throws: NodeFileError(path: "/etc", reason: .notARegularFile)) { try fileSystem.read("/etc") }
    }

    @Test func missingRootIsAnError() {
        let error = #expect(throws: NodeFileError.self) {
            try NodeFileSystem(root: "/nonexistent-nodeprep-root").read("/etc/x")
        }
        #expect(error?.description.contains("/nonexistent-nodeprep-root") == true)
    }
}
