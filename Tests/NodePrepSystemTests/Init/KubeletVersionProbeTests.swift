import Foundation
import NodePrepCore
import Testing

@testable import NodePrepSystem

/// kubelet's version as nodeprep asks it, from programs the Go toolchain builds here laid out as
/// Kubernetes' modules and built the ways Kubernetes is (``KubeletPrograms``): the version file
/// first, then the build information, then `kubelet --version`.
struct KubeletVersionProbeTests {
    typealias Program = KubeletPrograms.Program
    let folder: TemporaryFolder
    let emptyRoot: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
        emptyRoot = try TemporaryFolder()
    }

    static func path(_ program: Program) async throws -> String {
        try await KubeletPrograms.shared.value.path(program)
    }

    func probe(_ binary: String, root: TemporaryFolder? = nil) async -> InstalledKubelet? {
        await KubeletVersionProbe(binary: binary).version(fileSystem: NodeFileSystem(root: (root ?? emptyRoot).path))
    }

    /// What the program itself prints for `--version`, independent of nodeprep's reader.
    func printed(_ program: Program) async throws -> String {
        let result = try await ChildProcess.run(
            [try await Self.path(program), "--version"], limit: .seconds(10), logStem: folder.path("run"),
            tools: try Tools.locate())
        return result.stdout
    }

    @Test(.timeLimit(.minutes(3)))
    func theStampedGitVersionIsReadWithoutRunningKubelet() async throws {
        #expect(try await printed(.linked) == "Kubernetes \(KubeletPrograms.stamp)\n")
        let info = try #require(GoBuildInfo.read(executableAt: try await Self.path(.linked)))
        #expect(info.mainPackage == "k8s.io/kubernetes/cmd/kubelet")
        #expect(KubeletVersion(buildInfo: info) == KubeletVersion(major: 1, minor: 32, patch: 1))
        #expect(
            await probe(try await Self.path(.linked))
                == InstalledKubelet(KubeletVersion(major: 1, minor: 32, patch: 1), from: .buildInformation))
    }

    /// `-trimpath` keeps `-ldflags` out of the build information, so kubelet is asked.
    @Test(.timeLimit(.minutes(3)))
    func aTrimpathBuildIsAskedItsVersion() async throws {
        let path = try await Self.path(.trimpath)
        #expect(try await printed(.trimpath) == "Kubernetes \(KubeletPrograms.trimpathStamp)\n")
        let info = try #require(GoBuildInfo.read(executableAt: path))
        #expect(info.linkerFlags == nil)
        #expect(KubeletVersion(buildInfo: info) == nil)
        #expect(
            await probe(path) == InstalledKubelet(KubeletVersion(major: 1, minor: 31, patch: 4), from: .versionCommand))
    }

    @Test(.timeLimit(.minutes(3)))
    func anInstalledReleaseHasItsModuleVersion() async throws {
        let path = try await Self.path(.installed)
        #expect(GoBuildInfo.read(executableAt: path)?.mainModule?.version == KubeletPrograms.moduleVersion)
        #expect(
            await probe(path)
                == InstalledKubelet(KubeletVersion(major: 1, minor: 33, patch: 2), from: .buildInformation))
    }

    /// Unstamped, the build information says nothing and `--version` prints `v0.0.0-master+…`.
    @Test(.timeLimit(.minutes(3)))
    func anUnstampedBuildHasNoVersion() async throws {
        #expect(try await printed(.unversioned).hasPrefix("Kubernetes v0.0.0-master+"))
        #expect(await probe(try await Self.path(.unversioned)) == nil)
    }

    /// The version file wins over the binary, as in nodeadm; one without a version is passed over.
    @Test(.timeLimit(.minutes(3)))
    func theVersionFileComesFirst() async throws {
        let root = try TemporaryFolder()
        _ = try root.write("etc/eks/kubelet-version.txt", Array("v1.30.7-eks-1234567\n".utf8))
        let binary = try await Self.path(.linked)
        #expect(
            await probe(binary, root: root)
                == InstalledKubelet(KubeletVersion(major: 1, minor: 30, patch: 7), from: .versionFile))
        _ = try root.write("etc/eks/kubelet-version.txt", Array("unknown\n".utf8))
        #expect(await probe(binary, root: root)?.source == .buildInformation)
    }

    /// containerd's programs and missing files are not kubelet.
    @Test(.timeLimit(.minutes(3)))
    func otherProgramsAndNoProgramHaveNoKubeletVersion() async throws {
        let containerd = try await GoPrograms.shared.value.path(.v2Linked)
        #expect(GoBuildInfo.read(executableAt: containerd).flatMap(KubeletVersion.init(buildInfo:)) == nil)
        #expect(await probe(folder.path("absent")) == nil)
    }

    /// What nodeprep reads equals what `go version -m` prints for the same file.
    @Test(.timeLimit(.minutes(3)), arguments: Program.allCases)
    func fieldsMatchTheToolchainsOwnReader(program: Program) async throws {
        let path = try await Self.path(program)
        let info = try #require(GoBuildInfo.read(executableAt: path))
        let lines = try ContainerdBuildInfoTests.goVersionLines(path)
        #expect(lines.contains("\tpath\tk8s.io/kubernetes/cmd/kubelet"))
        let module = try #require(info.mainModule)
        #expect(lines.contains { $0.hasPrefix("\tmod\tk8s.io/kubernetes\t\(module.version)\t") })
        let recordedFlags = lines.first { $0.hasPrefix("\tbuild\t-ldflags=") }
        #expect((recordedFlags == nil) == (info.linkerFlags == nil))
    }

    /// A script standing in for a kubelet whose build information cannot be read.
    @Test func aScriptIsAskedAndItsAnswerParsed() async throws {
        let script = try folder.writeExecutable(
            "kubelet", Array("#!/bin/sh\necho 'Kubernetes v1.29.15-eks-473151a'\n".utf8))
        #expect(
            await probe(script)
                == InstalledKubelet(KubeletVersion(major: 1, minor: 29, patch: 15), from: .versionCommand))
        let failing = try folder.writeExecutable(
            "failing", Array("#!/bin/sh\necho 'Kubernetes v1.32.0'\nexit 1\n".utf8))
        #expect(await probe(failing) == nil)
    }
}
