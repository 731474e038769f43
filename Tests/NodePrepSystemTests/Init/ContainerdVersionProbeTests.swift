import Foundation
import NodePrepCore
import NodePrepSystem
import Testing

/// containerd's version as nodeprep asks it: the real binary's build information, and
/// `containerd --version` when there is none (scripts are not ELF files, so they always take that
/// path): the real binary behind a wrapper script, and scripts standing in for containerd builds that
/// answer oddly or not at all.
struct ContainerdVersionProbeTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    /// An executable shell script in the test folder.
    func script(_ name: String, _ body: String) throws -> String {
        try folder.writeExecutable(name, Array("#!/bin/sh\n\(body)\n".utf8))
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

    /// Debian's containerd records no version, only its package path: the major version, read
    /// without running it.
    @Test func readsTheInstalledContainerdsBuildInformation() async throws {
        let packagedMajor = try #require(Int(try Self.packagedContainerdVersion().prefix { $0 != "." }))
        let installed = await ContainerdVersionProbe().version()
        #expect(installed == InstalledContainerd(.majorOnly(packagedMajor), from: .buildInformation))
    }

    @Test func asksTheInstalledContainerdWhenTheFileIsNotAGoBinary() async throws {
        let wrapper = try script("containerd", "exec \(ContainerdVersionProbe.defaultBinary) \"$@\"")
        let installed = await ContainerdVersionProbe(binary: wrapper).version()
        #expect(installed?.source == .versionCommand)
        #expect(installed?.version.description == (try Self.packagedContainerdVersion()))
    }

    @Test func everyCallerGetsTheSameAnswer() async throws {
        let probe = ContainerdVersionProbe(
            binary: try script("containerd", "echo 'containerd github.com/containerd/containerd v2.1.4 75cb2b7'"))
        async let first = probe.version()
        async let second = probe.version()
        let answers = await [first, second]
        let expected = InstalledContainerd(ContainerdVersion(major: 2, minor: 1, patch: 4), from: .versionCommand)
        #expect(answers == [expected, expected])
    }

    /// containerd starts faster without garbage collection; the child gets GOGC=off.
    @Test func childRunsWithoutGarbageCollection() async throws {
        let binary = try script(
            "containerd", #"[ "$GOGC" = off ] && echo 'containerd x v1.7.1' || echo 'containerd x v1.0.1'"#)
        #expect(
            await ContainerdVersionProbe(binary: binary).version()?.version
                == ContainerdVersion(major: 1, minor: 7, patch: 1))
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
