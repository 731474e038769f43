import NodePrepCore

/// `init --dry-run`: each planned step, with a unified diff against what the node has now.
public struct PlanPreview: Sendable {
    public var fileSystem: NodeFileSystem

    public init(fileSystem: NodeFileSystem) {
        self.fileSystem = fileSystem
    }

    public func render(_ plan: Plan) throws(NodePrepError) -> String {
        var output = ""
        for step in plan.steps {
            switch step {
            case .write(let file):
                let current: [UInt8]?
                do {
                    current = try fileSystem.read(file.path)
                } catch {
                    throw .nodeUnreadable(error)
                }
                if current == file.contents {
                    output += "unchanged \(file.path)\n"
                    continue
                }
                output += (current == nil ? "create " : "update ") + file.path + "\n"
                output += UnifiedDiff.render(
                    old: current.map { String(decoding: $0, as: UTF8.self) } ?? "",
                    new: String(decoding: file.contents, as: UTF8.self),
                    oldName: current == nil ? "/dev/null" : "a" + file.path, newName: "b" + file.path)
            case .backup(let directory, let backupName):
                output += "back up the entries of \(directory) into \(directory)/\(backupName) (if it does not exist)\n"
            case .remove(let path):
                output += "remove \(path)\n"
            case .restore(let directory, let backupName):
                output +=
                    "restore the entries of \(directory)/\(backupName) into \(directory) and remove \(backupName)\n"
            }
        }
        return output
    }
}
