import ArgumentParser

@main
struct NodePrep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nodeprep",
        abstract: "Prepare a Kubernetes worker node's containerd configuration at boot."
    )
}
