import ArgumentParser
import Logging
import NodePrepCore
import NodePrepSystem

/// `nodeprep status`: does the containerd running now use the mirror nodeprep configured?
/// Read-only, and never asks IMDS: everything comes from the node's files, `/proc` and
/// `containerd config dump`.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Check that containerd runs with the mirror settings nodeprep wrote.",
        discussion: """
            Exit codes: 0 the mirror is in effect; 1 at least one problem (each printed with what to do); \
            64 usage error.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Option(name: [.customShort("o"), .long], help: "text or json.")
    var output: Format = .text

    @Flag(
        help: "Log the result to the journal (\"mirror effective\", or a warning per problem) instead of printing it.")
    var log = false

    @Option(help: "Take node paths (/etc/containerd, /var/lib/nodeprep) under this folder.")
    var root: String = "/"

    static let problemsFound: Int32 = 1

    func run() async throws {
        let observation = await NodeObserver(fileSystem: NodeFileSystem(root: root)).observe()
        let report = NodeStatus.judge(observation)
        if log {
            NodePrepLogHandler.bootstrap()
            Self.log(report, to: Logger(label: "nodeprep"))
        } else if output == .json {
            print(report.json.rendered())
        } else {
            print(report.text, terminator: "")
        }
        if !report.mirrorEffective { throw ExitCode(Self.problemsFound) }
    }

    private static func log(_ report: StatusReport, to logger: Logger) {
        guard report.mirrorEffective else {
            for problem in report.problems {
                logger.warning("\(problem)", metadata: NodePrepEvent.statusProblem.metadata())
            }
            return
        }
        let path = report.effective?.configPath ?? ""
        logger.info(
            "\(report.effectiveSummary)", metadata: NodePrepEvent.mirrorEffective.metadata(["path": "\(path)"]))
    }
}
