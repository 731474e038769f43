import Foundation
import NodePrepCore
import NodePrepSystem
import Testing

/// `containerd --version` as nodeprep asks it: the real binary, and scripts standing in for
/// containerd builds that answer oddly or not at all.
struct ContainerdVersionProbeTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    /// An executable shell script in the test folder.
    func script(_ name: String, _ body: String) throws -> String {
        let path = try folder.write(name, Array("#!/bin/sh\n\(body)\n".utf8))
        chmod(path, 0o755)
        return path
    }

    /// The version Debian's package says it installed ("1.6.20~ds1-1+deb12u3" → 1.6.20), a
    /// source independent of what containerd prints.
    static func packagedContainerdVersion() throws -> String {
        let query = Process()
        query.executableURL = URL(fileURLWithPath: "/usr/bin/dpkg-query")
        query.arguments = ["-W", "-f=${Version}", "containerd"]
        let output = Pipe()
        query.standardOutput = output
        try query.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        query.waitUntilExit()
        return String(text.prefix { $0.isNumber || $0 == "." })
    }

    @Test func readsTheInstalledContainerd() async throws {
        let version = await ContainerdVersionProbe().version()
        #expect(version.map { "\($0.major).\($0.minor).\($0.patch)" } == (try Self.packagedContainerdVersion()))
    }

    @Test func everyCallerGetsTheSameAnswer() async throws {
        let probe = ContainerdVersionProbe(binary: try script("containerd", "echo 'containerd github.com/containerd/containerd v2.1.4 75cb2b7'"))
        async let first = probe.version()
        async let second = probe.version()
        let answers = await [first, second]
        #expect(answers == [ContainerdVersion(parsing: "2.1.4"), ContainerdVersion(parsing: "2.1.4")])
        #expect(answers.first??.major == 2)
    }

    /// containerd starts faster without garbage collection; the child gets GOGC=off.
    @Test func childRunsWithoutGarbageCollection() async throws {
        let binary = try script("containerd", #"[ "$GOGC" = off ] && echo 'containerd x v1.7.1' || echo 'containerd x v1.0.1'"#)
        #expect(await ContainerdVersionProbe(binary: binary).version() == ContainerdVersion(parsing: "1.7.1"))
    }

    @Test(arguments: [
        "echo 'containerd github.com/containerd/containerd v1.7.20 abc'; exit 3",
        "echo 'something else entirely'",
        "exit 0",
    ])
    func failureOrAnUnexpectedAnswerIsNoVersion(body: String) async throws {
        #expect(await ContainerdVersionProbe(binary: try script("containerd", body)).version() == nil)
    }

    @Test func missingBinaryIsNoVersion() async {
        #expect(await ContainerdVersionProbe(binary: folder.path("absent")).version() == nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func containerdThatNeverAnswersIsNoVersionAfterTheTimeout() async throws {
        let binary = try script("containerd", "exec sleep 30")
        let started = ContinuousClock.now
        #expect(await ContainerdVersionProbe(binary: binary, timeout: .milliseconds(300)).version() == nil)
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}
