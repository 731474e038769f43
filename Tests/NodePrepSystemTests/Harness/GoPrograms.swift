import Foundation

/// Tiny Go programs laid out as containerd's modules are, built by the real Go toolchain (Debian's
/// `golang-go`) the ways containerd gets built, so the build information nodeprep reads is the
/// toolchain's own and not a fixture of ours. Each program prints `containerd <version.Version>`,
/// what `containerd --version` prints, so a test can also see what the linker really set.
/// (``KubeletPrograms`` does the same for kubelet.)
///
/// Built once per test run, offline: GOPROXY is off or a local folder, and GOCACHE, GOPATH and
/// HOME are fresh folders under the build folder (removed and made again at each run).
struct GoPrograms: Sendable {
    enum Program: String, CaseIterable, Sendable {
        /// containerd 2.x from a checkout, its version set by the linker as its Makefile does.
        case v2Linked = "v2-linked"
        /// The same without `-ldflags`: the module path says 2.x, nothing says more.
        case v2Unversioned = "v2-unversioned"
        /// `-ldflags "-s -w -X …"`: no symbol table nor debug information.
        case v2Stripped = "v2-stripped"
        /// `-trimpath` with `-X …`: the toolchain leaves `-ldflags` out of the build information.
        case v2Trimpath = "v2-trimpath"
        /// `go install …/cmd/containerd@v2.1.4` from a module proxy: the main module has a version.
        case v2Installed = "v2-installed"
        /// containerd 1.x's module (`github.com/containerd/containerd/cmd/containerd`), no `-ldflags`.
        case v1 = "v1"
        /// Another module's program named containerd, with a `-X …/version.Version` of its own.
        case unrelated = "unrelated"
    }

    static let releaseVersion = "v2.1.4"
    let folder: String

    func path(_ program: Program) -> String {
        folder + "/bin/" + program.rawValue
    }

    /// The programs, built the first time a test asks.
    static let shared = Task { try await GoPrograms.build() }

    private static func build() async throws -> GoPrograms {
        let tools = try Tools.locate()
        let go = try locateGo()
        let folder = Bundle.module.bundleURL.deletingLastPathComponent().path + "/go-programs"
        try? FileManager.default.removeItem(atPath: folder)
        let modules = [
            ("v2", "github.com/containerd/containerd/v2"), ("v1", "github.com/containerd/containerd"),
            ("tool", "example.com/tool"),
        ]
        for (name, module) in modules {
            try writeModule(module, at: "\(folder)/src/\(name)")
        }
        let builder = Builder(folder: folder, go: go, tools: tools)
        let linkVersion = { (module: String) in "-X \(module)/version.Version=\(releaseVersion)" }
        try await builder.build(.v2Linked, in: "v2", flags: ["-ldflags", linkVersion(modules[0].1)])
        try await builder.build(.v2Unversioned, in: "v2", flags: [])
        try await builder.build(.v2Stripped, in: "v2", flags: ["-ldflags", "-s -w " + linkVersion(modules[0].1)])
        try await builder.build(.v2Trimpath, in: "v2", flags: ["-trimpath", "-ldflags", linkVersion(modules[0].1)])
        try await builder.build(.v1, in: "v1", flags: [])
        try await builder.build(.unrelated, in: "tool", flags: ["-ldflags", linkVersion(modules[2].1)])
        try await builder.install(
            Program.v2Installed.rawValue, module: modules[0].1, version: releaseVersion, from: "v2")
        return GoPrograms(folder: folder)
    }

    /// go.mod, a `version` package with the variable containerd's Makefile sets, and
    /// `cmd/containerd` printing it.
    private static func writeModule(_ module: String, at source: String) throws {
        let files = [
            "go.mod": "module \(module)\n\ngo 1.18\n",
            "version/version.go": "package version\n\nvar Version = \"unknown\"\n",
            "cmd/containerd/main.go": """
            package main

            import (
            \t"os"

            \t"\(module)/version"
            )

            func main() { os.Stdout.WriteString("containerd " + version.Version + "\\n") }

            """,
        ]
        try writeFiles(files, at: source)
    }

    static func writeFiles(_ files: [String: String], at source: String) throws {
        for (relative, text) in files {
            let path = source + "/" + relative
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }
    }

    static func locateGo() throws -> String {
        let candidates = (Tools.searchFolders + ["/usr/lib/go/bin"]).map { $0 + "/go" }
        guard let go = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw HarnessError(
                "the build information tests need `go` (Debian package `golang-go`); see scripts/install-deps")
        }
        return go
    }

    /// Runs `go` in a source folder with an environment of its own (through coreutils `env`).
    struct Builder {
        let folder: String
        let go: String
        let tools: Tools

        var environment: [String] {
            [
                "HOME=\(folder)/home", "GOCACHE=\(folder)/cache", "GOPATH=\(folder)/gopath", "GOENV=off",
                "GOFLAGS=-mod=mod -modcacherw", "GOSUMDB=off", "GOWORK=off", "GO111MODULE=on",
                "GOTOOLCHAIN=local", "CGO_ENABLED=0", "GOBIN=\(folder)/bin",
            ]
        }

        func build(_ program: GoPrograms.Program, in source: String, flags: [String]) async throws {
            try await build(program.rawValue, in: source, flags: flags, command: "containerd")
        }

        /// Builds `./cmd/<command>` of a source folder into `bin/<output>`.
        func build(_ output: String, in source: String, flags: [String], command: String) async throws {
            try await run(in: source, ["build", "-o", "\(folder)/bin/\(output)"] + flags + ["./cmd/\(command)"])
        }

        /// Publishes the module into a local proxy folder and installs it by module path and version.
        func install(
            _ output: String, module: String, version: String, from source: String, command: String = "containerd"
        ) async throws {
            guard let script = Bundle.module.path(forResource: "go_module_proxy", ofType: "py", inDirectory: "Support")
            else {
                throw HarnessError("Support/go_module_proxy.py is missing from the test resources")
            }
            try await check(["python3", script, "\(folder)/src/\(source)", "\(folder)/proxy", module, version])
            let proxy = "file://\(folder)/proxy"
            try await run(in: source, ["install", "\(module)/cmd/\(command)@\(version)"], proxy: proxy)
            try FileManager.default.moveItem(atPath: "\(folder)/bin/\(command)", toPath: "\(folder)/bin/\(output)")
        }

        private func run(in source: String, _ arguments: [String], proxy: String = "off") async throws {
            let command =
                ["env", "--chdir=\(folder)/src/\(source)"] + environment + ["GOPROXY=\(proxy)", go] + arguments
            try await check(command)
        }

        private func check(_ command: [String]) async throws {
            let result = try await ChildProcess.run(
                command, limit: .seconds(120), logStem: "\(folder)/go-log", tools: tools)
            guard result.succeeded else { throw HarnessError("building a Go test program failed: \(result)") }
        }
    }
}
