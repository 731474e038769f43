import Foundation

/// A private network namespace whose only interface is `lo` (127.0.0.1/8 and ::1).
///
/// Every program of a rig that could open a connection (registry, containerd, ctr, skopeo, curl)
/// runs inside it. So when containerd falls back from a mirror to a registry's real server
/// (docker.io → registry-1.docker.io), the name lookup fails at once with "network is unreachable"
/// instead of sending a packet off the machine, and negative tests end in milliseconds.
///
/// The namespace is held by a `sleep` that brought `lo` up first; programs join it with `nsenter`.
final class LoopbackNetwork {
    private let holder: ChildProcess
    private let holderPID: Int32
    private let tools: Tools

    init(scratch: ScratchDirectory, lifetime: Duration, tools: Tools) async throws {
        self.tools = tools
        let pidFile = scratch.path("netns.pid")
        // `unshare` and `sh` exec in place, so the pid `sh` writes is the pid of the final
        // `sleep` that keeps the namespace alive.
        let script = #"\#(tools.ip) link set lo up && echo $$ > "$1" && exec sleep "$2""#
        holder = try ChildProcess(
            [
                tools.unshare, "--net", "--", tools.shell, "-c", script, "sh", pidFile,
                "\(lifetime.components.seconds)",
            ],
            lifetime: lifetime, logStem: scratch.path("netns"), tools: tools)

        // Generous: this is a liveness bound, and a suite running many processes on two cores is slow.
        let deadline = ContinuousClock.now + .seconds(60)
        var pid: Int32?
        while pid == nil && holder.isRunning && ContinuousClock.now < deadline {
            pid = (try? String(contentsOfFile: pidFile, encoding: .utf8))
                .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if pid == nil { try? await Task.sleep(for: .milliseconds(10)) }
        }
        guard let pid else {
            holder.stop()
            throw HarnessError(
                "cannot make a private network namespace with `unshare --net` (needs root and "
                    + "CAP_SYS_ADMIN):\n\(holder.result())")
        }
        holderPID = pid
    }

    /// `command` prefixed so that it runs inside the namespace.
    func inside(_ command: [String]) -> [String] {
        [tools.nsenter, "--net=/proc/\(holderPID)/ns/net", "--"] + command
    }

    func stop() {
        holder.stop()
    }
}
