import Dispatch
import Glibc
import NodePrepSystem

/// nodeprep's entry point. It is synchronous so that an `init` that will use URLSession can fork
/// its supervised worker while the process still has a single thread (see `InitSupervisor`);
/// the command line then runs on Swift's executors, in the worker or, for every other command,
/// right here.
@main
enum NodePrepMain {
    static func main() {
        var arguments = CommandLine.arguments
        let asksIMDS = NodePrep.asksIMDS(arguments)
        if asksIMDS, InitCommand.isInit(arguments) {
            let deadline = SourceOptions.imdsDeadline(in: arguments)
            arguments = InitSupervisor(arguments: arguments, imdsDeadline: deadline).superviseWorkers()
        }
        Task { [arguments] in
            await NodePrep.run(commandLine: arguments, asksIMDS: asksIMDS)
            // A command that fails exits on its own; one that succeeds returns here.
            exit(0)
        }
        dispatchMain()
    }
}
