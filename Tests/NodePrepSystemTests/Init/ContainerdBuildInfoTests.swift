import Foundation
import NodePrepCore
import Testing

@testable import NodePrepSystem

/// containerd's version read from real Go binaries: Debian's containerd, and programs the Go
/// toolchain builds here the ways containerd is built (``GoPrograms``), checked against what the
/// toolchain's own reader (`go version -m`) and the programs themselves say.
struct ContainerdBuildInfoTests {
    typealias Program = GoPrograms.Program
    static let exact = ContainerdVersion(major: 2, minor: 1, patch: 4)
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    static func programs() async throws -> GoPrograms {
        try await GoPrograms.shared.value
    }

    static func version(at path: String) -> ContainerdVersion? {
        GoBuildInfo.read(executableAt: path).flatMap(ContainerdVersion.init(buildInfo:))
    }

    /// Debian's GOPATH build with `-trimpath`: a package path, no version anywhere.
    @Test func debianContainerdIsMajor1() throws {
        let info = try #require(GoBuildInfo.read(executableAt: ContainerdVersionProbe.defaultBinary))
        #expect(info.mainPackage == "github.com/containerd/containerd/cmd/containerd")
        #expect(info.mainModule == nil)
        #expect(ContainerdVersion(buildInfo: info) == .majorOnly(1))
    }

    @Test(
        .timeLimit(.minutes(3)),
        arguments: [
            (Program.v2Linked, exact),
            (.v2Unversioned, .majorOnly(2)),
            (.v2Stripped, exact),
            (.v2Trimpath, .majorOnly(2)),
            (.v2Installed, exact),
            (.v1, .majorOnly(1)),
        ] as [(Program, ContainerdVersion)])
    func versionOfEachBuild(program: Program, expected: ContainerdVersion) async throws {
        #expect(Self.version(at: try await Self.programs().path(program)) == expected)
    }

    @Test(.timeLimit(.minutes(3)))
    func anotherModulesProgramIsNotContainerd() async throws {
        let path = try await Self.programs().path(.unrelated)
        #expect(GoBuildInfo.read(executableAt: path)?.mainPackage == "example.com/tool/cmd/containerd")
        #expect(Self.version(at: path) == nil)
    }

    /// Every field nodeprep reads equals what `go version -m` prints for the same file.
    @Test(.timeLimit(.minutes(3)), arguments: Program.allCases)
    func fieldsMatchTheToolchainsOwnReader(program: Program) async throws {
        let path = try await Self.programs().path(program)
        let info = try #require(GoBuildInfo.read(executableAt: path))
        let lines = try Self.goVersionLines(path)
        #expect(lines.first == "\(path): \(info.goVersion)")
        #expect(lines.contains("\tpath\t\(try #require(info.mainPackage))"))
        let module = try #require(info.mainModule)
        #expect(lines.contains { $0.hasPrefix("\tmod\t\(module.path)\t\(module.version)\t") })
        let recordedFlags = lines.first { $0.hasPrefix("\tbuild\t-ldflags=") }
        #expect((recordedFlags == nil) == (info.linkerFlags == nil))
        if let linkerFlags = info.linkerFlags {
            #expect(recordedFlags == "\tbuild\t-ldflags=\"\(linkerFlags)\"")
        }
    }

    /// The linker really set the variable: the program prints it, as containerd's `--version` would,
    /// also when `-trimpath` kept it out of the build information.
    @Test(.timeLimit(.minutes(3)), arguments: [Program.v2Linked, .v2Stripped, .v2Trimpath])
    func linkedVersionIsWhatTheProgramPrints(program: Program) async throws {
        let result = try await ChildProcess.run(
            [try await Self.programs().path(program), "--version"], limit: .seconds(10),
            logStem: folder.path("run"), tools: try Tools.locate())
        #expect(result.stdout == "containerd \(GoPrograms.releaseVersion)\n")
    }

    /// `-s -w` drops the symbol table but not the build information.
    @Test(.timeLimit(.minutes(3)))
    func strippedBinaryKeepsItsBuildInformation() async throws {
        let programs = try await Self.programs()
        let sections = { (program: Program) in try Self.run(["readelf", "-S", "-W", programs.path(program)]) }
        #expect(try sections(.v2Linked).contains(" .symtab "))
        #expect(try !sections(.v2Stripped).contains(" .symtab "))
        #expect(try sections(.v2Stripped).contains(" .go.buildinfo "))
    }

    @Test(.timeLimit(.minutes(3)))
    func probeReadsTheBuildInformationWithoutRunningIt() async throws {
        let path = try await Self.programs().path(.v2Unversioned)
        #expect(
            await ContainerdVersionProbe(binary: path).version()
                == InstalledContainerd(.majorOnly(2), from: .buildInformation))
    }

    /// A binary whose section headers are broken still runs (the loader does not read them), so
    /// the probe falls back to asking it.
    @Test(.timeLimit(.minutes(3)))
    func probeAsksAContainerdWhoseBuildInformationCannotBeRead() async throws {
        let bytes = try BrokenELFCopy.sectionOutsideFile.bytes(of: try await Self.programs().path(.v2Linked))
        let path = try folder.writeExecutable("containerd", bytes)
        #expect(GoBuildInfo.read(executableAt: path) == nil)
        #expect(
            await ContainerdVersionProbe(binary: path).version()
                == InstalledContainerd(Self.exact, from: .versionCommand))
    }

    @Test(.timeLimit(.minutes(3)), arguments: BrokenELFCopy.allCases)
    func brokenCopiesHaveNoBuildInformation(broken: BrokenELFCopy) async throws {
        let original = try await Self.programs().path(.v2Linked)
        #expect(Self.version(at: original) == Self.exact)
        let path = try folder.write("broken", try broken.bytes(of: original))
        #expect(GoBuildInfo.read(executableAt: path) == nil)
    }

    @Test func aFolderOrAMissingFileHasNoBuildInformation() {
        #expect(GoBuildInfo.read(executableAt: folder.path) == nil)
        #expect(GoBuildInfo.read(executableAt: folder.path("absent")) == nil)
    }

    static func goVersionLines(_ path: String) throws -> [String] {
        try run([try GoPrograms.locateGo(), "version", "-m", path]).split(separator: "\n").map(String.init)
    }

    static func run(_ command: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw HarnessError("`\(command.joined(separator: " "))` failed") }
        return text
    }
}
