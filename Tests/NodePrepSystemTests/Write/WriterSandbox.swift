import NodePrepSystem

/// A temporary folder with a `root/` standing for the node's `/`, and a writer for it.
struct WriterSandbox {
    let folder: TemporaryFolder
    let writer: PlanWriter

    init() throws {
        folder = try TemporaryFolder()
        try FileInspection.makeDirectory(folder.path("root"))
        writer = PlanWriter(fileSystem: NodeFileSystem(root: folder.path("root")))
    }

    /// Where a node path is on the host.
    func host(_ nodePath: String) -> String {
        folder.path("root") + nodePath
    }
}

/// A suite that writes into its own ``WriterSandbox``.
protocol WriterSandboxSuite {
    var sandbox: WriterSandbox { get }
}

extension WriterSandboxSuite {
    var folder: TemporaryFolder { sandbox.folder }
    var writer: PlanWriter { sandbox.writer }

    func host(_ nodePath: String) -> String {
        sandbox.host(nodePath)
    }
}
