import ArgumentParser
import NodePrepSystem

/// The command line. `NodePrepMain` starts it, once `init`'s supervisor has forked its worker.
struct NodePrep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nodeprep",
        abstract: "Prepare a Kubernetes worker node's containerd configuration at boot.",
        discussion: """
            Reads NodeConfig (node.eks.aws/v1alpha1) and MirrorConfig (nodeprep.dev/v1alpha1) documents \
            from the image's /etc/nodeprep/config.d/ and the instance's user data, merges them as nodeadm \
            does, and writes containerd's configuration.

            Exit codes: 0 success; 64 usage error; 65 invalid configuration; 69 a source could not be \
            read (IMDS unreachable, file missing); 70 init's worker process crashed four times; 73 a file \
            could not be written; 74 the node's current \
            files could not be read. `nodeprep status`: 0 the mirror is in effect, 1 a problem was found.
            """,
        subcommands: [InitCommand.self, ConfigCommand.self, StatusCommand.self, CleanCommand.self]
    )

    /// Starts the slow parts (containerd's version, the IMDS session) before the arguments are
    /// parsed, so they overlap everything else. The version probe goes first: it may start
    /// `containerd --version` with nodeprep's environment as it was, before the IMDS session
    /// edits it. The session is only made (its environment edits done now, while no other thread
    /// reads the environment) but not built when IMDS will not be asked (`asksIMDS`, from
    /// ``asksIMDS(_:)``).
    static func run(commandLine arguments: [String], asksIMDS: Bool) async {
        if InitCommand.needsVersionProbe(arguments) {
            _ = InitCommand.versionProbe
        }
        if SourceOptions.mayUseIMDS(arguments) {
            let session = SourceOptions.imdsSession
            if asksIMDS {
                session.prepare()
            }
        }
        await main(Array(arguments.dropFirst()))
    }

    /// Whether the command `arguments` name will likely ask IMDS something, so a URLSession will
    /// be built: IMDS is switched on, a source or value needs it, and this boot's copy does not
    /// answer it (a re-run on a containerd restart then never builds a session).
    static func asksIMDS(_ arguments: [String]) -> Bool {
        SourceOptions.mayAskIMDS(arguments) && !InitCommand.bootCopyAnswersIMDS(arguments)
    }
}
