import Foundation
import NodePrepCore
import NodePrepSystem
import Testing

/// `.remove` steps: files and trees go, symlinks are removed and never followed.
struct PlanWriterRemoveTests: WriterSandboxSuite {
    let sandbox: WriterSandbox

    init() throws {
        sandbox = try WriterSandbox()
    }

    @Test func removesATreeButNotWhatItsSymlinksPointAt() throws {
        try folder.write("root/etc/certs.d/mirror/hosts.toml", Array("a".utf8))
        try folder.write("root/etc/certs.d/mirror/deep/er/file", Array("b".utf8))
        let outside = try folder.write("outside/precious", Array("keep".utf8))
        try FileInspection.symlink(host("/etc/certs.d/mirror/link-to-folder"), to: folder.path("outside"))
        try FileInspection.symlink(host("/etc/certs.d/mirror/link-to-file"), to: outside)

        #expect(try writer.apply(.remove(path: "/etc/certs.d/mirror")) == .removed(path: "/etc/certs.d/mirror"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: host("/etc/certs.d")) == [])
        #expect(FileInspection.bytes(outside) == Array("keep".utf8))
    }

    @Test func removesAFile() throws {
        try folder.write("root/etc/x", [1])
        #expect(try writer.apply(.remove(path: "/etc/x")) == .removed(path: "/etc/x"))
        #expect(!FileInspection.exists(host("/etc/x")))
    }

    @Test func removesASymlinkItselfNotItsTarget() throws {
        try FileInspection.makeDirectory(host("/etc"))
        let target = try folder.write("outside/target", [1])
        try FileInspection.symlink(host("/etc/link"), to: target)

        #expect(try writer.apply(.remove(path: "/etc/link")) == .removed(path: "/etc/link"))
        #expect(!FileInspection.exists(host("/etc/link")))
        #expect(FileInspection.bytes(target) == [1])
    }

    @Test(arguments: ["/etc/missing", "/missing-folder/missing"])
    func missingPathIsAlreadyAbsent(path: String) throws {
        try FileInspection.makeDirectory(host("/etc"))
        #expect(try writer.apply(.remove(path: path)) == .alreadyAbsent(path: path))
    }

    @Test func pathThroughASymlinkedFolderIsRefused() throws {
        try folder.write("outside/mirror/hosts.toml", [1])
        try FileInspection.symlink(host("/etc"), to: folder.path("outside"))

        #expect(throws: NodeFileError(path: "/etc", reason: .symlink)) {
            try writer.apply(.remove(path: "/etc/mirror"))
        }
        #expect(FileInspection.bytes(folder.path("outside/mirror/hosts.toml")) == [1])
    }
}
