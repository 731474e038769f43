import Testing

/// A machine without the system-test programs must fail the tests with a message that says what
/// to install, never let them pass without having checked anything.
@Suite struct ToolsTests {
    @Test func missingProgramsAreNamedWithTheirPackages() throws {
        let empty = try ScratchDirectory(label: "no-tools")
        defer { empty.remove() }

        let error = #expect(throws: HarnessError.self) { try Tools.locate(in: [empty.path]) }

        let message = error?.description ?? ""
        #expect(message.contains("`containerd` (Debian package `containerd`)"))
        #expect(message.contains("`ctr` (Debian package `containerd`)"))
        #expect(message.contains("`docker-registry` (Debian package `docker-registry`)"))
        #expect(message.contains("`skopeo` (Debian package `skopeo`)"))
        #expect(message.contains("`ip` (Debian package `iproute2`)"))
    }
}
