import ArgumentParser
import NodePrepCore
import NodePrepSystem

/// `nodeprep clean`: the node as it was before nodeprep's first run, for baking an image.
struct CleanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Undo nodeprep's changes, as before its first run (the last step of an image bake).",
        discussion: """
            Restores config.toml to the base nodeprep recorded (or removes it when nodeprep rendered \
            it from its template), removes base-runtime-spec.json when nodeprep created it, removes \
            nodeprep's hosts.toml files and moves the mirror folder's _backup back, then removes \
            /var/lib/nodeprep/containerd-config.json and this boot's copy of the IMDS answers \
            (/run/nodeprep). Refuses, changing nothing, when the files differ from nodeprep's record.
            """)

    @Option(help: "Take node paths (/etc/containerd, /var/lib/nodeprep, /run/nodeprep) under this folder.")
    var root: String = "/"

    @Flag(help: "Print what would be done, with diffs; change nothing.")
    var dryRun = false

    @Flag(help: "Clean even when the files differ from nodeprep's record.")
    var force = false

    func run() async throws {
        try await Terminal.run {
            let fileSystem = NodeFileSystem(root: root)
            let cleaner = NodeCleaner(fileSystem: fileSystem)
            let output = try cleaner.plan()
            if output.plan.steps.isEmpty {
                print("nothing to clean: nodeprep has left no record or files here")
                return
            }
            guard !dryRun else {
                for difference in output.mismatches {
                    Terminal.printError("warning: \(difference)")
                }
                print(try PlanPreview(fileSystem: fileSystem).render(output.plan), terminator: "")
                return
            }
            if force {
                for difference in output.mismatches {
                    Terminal.printError("warning: \(difference) (cleaning anyway: --force)")
                }
            }
            try cleaner.apply(output, force: force) { result in print(result) }
        }
    }
}
