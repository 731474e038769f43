import Logging
import Testing

@testable import NodePrepSystem

struct ConsoleLineTests {
    struct SampleError: Error, CustomStringConvertible {
        var description: String { "timed out after 60 s" }
    }

    @Test(arguments: [
        (Logger.Level.info, "wrote /etc/containerd/config.toml", "nodeprep: wrote /etc/containerd/config.toml"),
        (.notice, "ready", "nodeprep: ready"),
        (.debug, "token expires in 21600 s", "nodeprep: debug: token expires in 21600 s"),
        (.trace, "GET /latest/user-data", "nodeprep: debug: GET /latest/user-data"),
        (.warning, "user data has no NodeConfig", "nodeprep: warning: user data has no NodeConfig"),
        (.error, "skipped part 2", "nodeprep: error: skipped part 2"),
        (.critical, "giving up", "nodeprep: fatal: giving up"),
    ])
    func linesAreShortAndTaggedFromWarningsUp(level: Logger.Level, message: String, line: String) {
        #expect(ConsoleLine.format(level: level, message: message) == line)
    }

    @Test func anAttachedErrorFollowsTheMessage() {
        let line = ConsoleLine.format(level: .critical, message: "could not read user data", error: SampleError())
        #expect(line == "nodeprep: fatal: could not read user data: timed out after 60 s")
    }
}
