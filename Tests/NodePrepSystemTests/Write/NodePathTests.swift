import Testing

@testable import NodePrepSystem

/// Node paths are split once and then walked component by component; their text keys the
/// writer's folder lookups, so a parent's or child's text must equal that of the same path parsed.
struct NodePathTests {
    @Test(arguments: [
        ("/etc/containerd/config.toml", ["etc", "containerd", "config.toml"], "/etc/containerd/config.toml"),
        ("//etc//containerd/", ["etc", "containerd"], "/etc/containerd"),
        ("/", [], "/"),
    ])
    func parsesComponents(text: String, components: [String], description: String) throws {
        let path = try NodePath(text)
        #expect(path.components == components)
        #expect(path.description == description)
    }

    @Test(arguments: ["etc/containerd", "/etc/../root", "/etc/./x", "/etc/a\u{0}b", ""])
    func refusesPathsThatCouldLeaveTheRoot(text: String) {
        #expect(throws: NodeFileError.self) { try NodePath(text) }
    }

    @Test func parentsAndChildrenMatchTheirParsedForms() throws {
        let path = try NodePath("/etc/containerd/certs.d/r.example.com/hosts.toml")
        var ancestors: [String] = []
        var cursor: NodePath? = path
        while let current = cursor {
            #expect(current == (try NodePath(current.description)))
            ancestors.append(current.description)
            cursor = current.parent
        }
        #expect(
            ancestors == [
                "/etc/containerd/certs.d/r.example.com/hosts.toml", "/etc/containerd/certs.d/r.example.com",
                "/etc/containerd/certs.d", "/etc/containerd", "/etc", "/",
            ])
        let root = try NodePath("/")
        #expect(root.appending("etc") == (try NodePath("/etc")))
        #expect(root.appending("etc").appending("containerd").description == "/etc/containerd")
        #expect(root.parent == nil)
        #expect(root.name == nil)
    }
}
