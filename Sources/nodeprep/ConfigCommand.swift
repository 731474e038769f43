import ArgumentParser

/// `nodeprep config`: look at the configuration without touching the node.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check or print the resolved configuration.",
        subcommands: [ConfigCheck.self, ConfigDump.self]
    )
}
