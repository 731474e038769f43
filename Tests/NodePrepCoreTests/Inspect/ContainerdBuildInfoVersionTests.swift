import Testing

@testable import NodePrepCore

/// containerd's version from its Go build information: the exact version when the build recorded
/// one that fits the module, else the major version its module path says, else nothing.
struct ContainerdBuildInfoVersionTests {
    static func version(_ moduleInfo: String) throws -> ContainerdVersion? {
        let info = try #require(GoBuildInfoTests.parse(ELFImage.goExecutable(moduleInfo: moduleInfo).bytes))
        return ContainerdVersion(buildInfo: info)
    }

    static func lines(_ lines: String...) -> String {
        lines.map { $0 + "\n" }.joined()
    }

    @Test func linkerVersionIsExact() throws {
        #expect(
            try Self.version(GoBuildInfoTests.containerd2ModuleInfo) == ContainerdVersion(major: 2, minor: 1, patch: 4))
    }

    /// Debian's GOPATH build: a package path and nothing else.
    @Test func packagePathWithoutVersionSuffixIsMajor1() throws {
        let info = Self.lines("path\tgithub.com/containerd/containerd/cmd/containerd", "build\t-trimpath=true")
        #expect(try Self.version(info) == .majorOnly(1))
    }

    @Test(arguments: [
        ("github.com/containerd/containerd/v2/cmd/containerd", 2),
        ("github.com/containerd/containerd/v3/cmd/containerd-shim-runc-v2", 3),
        ("github.com/containerd/containerd/v2", 2),
        ("github.com/containerd/containerd", 1),
        // Not a major version suffix: v1 is never written, v02 is not canonical, v2x is a name.
        ("github.com/containerd/containerd/v1/cmd/containerd", 1),
        ("github.com/containerd/containerd/v02/cmd/containerd", 1),
        ("github.com/containerd/containerd/v2x/cmd/containerd", 1),
    ])
    func majorVersionComesFromTheModulePath(path: String, major: Int) throws {
        #expect(try Self.version(Self.lines("path\t\(path)")) == .majorOnly(major))
    }

    @Test(arguments: [
        "github.com/containerd/containerdx/cmd/containerd",
        "github.com/containerd/nerdctl/v2/cmd/nerdctl",
        "example.com/github.com/containerd/containerd/cmd/containerd",
        "containerd",
    ])
    func otherProgramsHaveNoContainerdVersion(path: String) throws {
        let info = Self.lines("path\t\(path)", "build\t-ldflags=\"-X \(path)/version.Version=v2.1.4\"")
        #expect(try Self.version(info) == nil)
    }

    @Test func buildInformationWithoutAPackagePathIsNoVersion() throws {
        #expect(try Self.version(Self.lines("build\t-compiler=gc")) == nil)
    }

    @Test(arguments: [
        ("v2.1.4", ContainerdVersion(major: 2, minor: 1, patch: 4)),
        ("v2.2.0+dirty", ContainerdVersion(major: 2, minor: 2, patch: 0)),
        ("(devel)", .majorOnly(2)),
        ("v2.1.5-0.20250101120000-75cb2b7dbe2a", .majorOnly(2)),  // a pseudo-version: a commit, not a release
        ("v2.2.0-rc.1", .majorOnly(2)),
        ("v1.7.20", .majorOnly(2)),  // disagrees with the module path
    ])
    func mainModuleVersionIsExactOnlyForAReleaseOfThatModule(moduleVersion: String, expected: ContainerdVersion) throws
    {
        let info = Self.lines(
            "path\tgithub.com/containerd/containerd/v2/cmd/containerd",
            "mod\tgithub.com/containerd/containerd/v2\t\(moduleVersion)\th1:abc=")
        #expect(try Self.version(info) == expected)
    }

    /// A main module of another path (a fork's own module) says nothing about containerd's version.
    @Test func anotherModulesVersionIsNotContainerds() throws {
        let info = Self.lines(
            "path\tgithub.com/containerd/containerd/v2/cmd/containerd", "mod\texample.com/fork\tv9.9.9\th1:abc=")
        #expect(try Self.version(info) == .majorOnly(2))
    }

    @Test func linkerVersionWinsOverTheModuleVersion() throws {
        let info = Self.lines(
            "path\tgithub.com/containerd/containerd/v2/cmd/containerd",
            "mod\tgithub.com/containerd/containerd/v2\tv2.1.3\th1:abc=",
            "build\t-ldflags=\"-X github.com/containerd/containerd/v2/version.Version=v2.1.4-12-gabc1234\"")
        #expect(try Self.version(info) == ContainerdVersion(major: 2, minor: 1, patch: 4))
    }

    /// Only the variable of the module the program is built from is set by `-X`; another path's
    /// is a different (absent) variable, and a major version the code is not is not believed.
    @Test(arguments: [
        "-X github.com/containerd/containerd/version.Version=v2.1.4",
        "-X github.com/containerd/containerd/v2/version.Version=1.6.20",
        "-X github.com/containerd/containerd/v2/version.Version=unknown",
    ])
    func linkerVersionMustBeThisModulesAndAgree(flags: String) throws {
        let info = Self.lines(
            "path\tgithub.com/containerd/containerd/v2/cmd/containerd", "build\t-ldflags=\"\(flags)\"")
        #expect(try Self.version(info) == .majorOnly(2))
    }

    @Test func debianStyleLinkerVersionIsExact() throws {
        let info = Self.lines(
            "path\tgithub.com/containerd/containerd/cmd/containerd",
            "build\t-ldflags=\"-X github.com/containerd/containerd/version.Version=1.6.20~ds1\"")
        #expect(try Self.version(info) == ContainerdVersion(major: 1, minor: 6, patch: 20))
    }

    @Test func majorOnlyVersionsSayWhatIsUnknown() {
        #expect("\(ContainerdVersion.majorOnly(1))" == "1.x")
        #expect("\(ContainerdVersion(major: 2, minor: 1, patch: 4))" == "2.1.4")
        #expect(ContainerdVersion.majorOnly(2).configSchema == .v3)
        #expect(ContainerdVersion.majorOnly(1).configSchema == .v2)
        #expect(ContainerdVersion.majorOnly(2) != ContainerdVersion(major: 2, minor: 0, patch: 0))
        #expect(
            "\(InstalledContainerd(.majorOnly(1), from: .buildInformation))"
                == "containerd 1.x (from its build information)")
        #expect(
            "\(InstalledContainerd(ContainerdVersion(major: 1, minor: 7, patch: 20), from: .option))"
                == "containerd 1.7.20 (from --containerd-version)")
    }
}
