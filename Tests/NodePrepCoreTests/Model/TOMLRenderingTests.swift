import Testing

@testable import NodePrepCore

/// TOML text in containerd's own style, and the round trip render → parse → same value.
@Suite struct TOMLRenderingTests {
    static let cri = "io.containerd.grpc.v1.cri"

    @Test func containerdStyleHeadersWithImplicitParentsLeftOut() {
        let value: TOMLValue = .table([
            "version": .integer(2),
            "plugins": .table([
                Self.cri: .table([
                    "sandbox_image": .string("registry.k8s.io/pause:3.10"),
                    "registry": .table(["config_path": .string("/etc/containerd/certs.d")]),
                    "containerd": .table([
                        "runtimes": .table(["runc": .table(["options": .table(["SystemdCgroup": .bool(true)])])])
                    ]),
                ])
            ]),
            "grpc": .table(["address": .string("/run/containerd/containerd.sock")]),
        ])
        #expect(
            value.renderedDocument() == """
                version = 2

                [grpc]
                address = "/run/containerd/containerd.sock"

                [plugins."io.containerd.grpc.v1.cri"]
                sandbox_image = "registry.k8s.io/pause:3.10"

                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                SystemdCgroup = true

                [plugins."io.containerd.grpc.v1.cri".registry]
                config_path = "/etc/containerd/certs.d"

                """)
    }

    @Test func emptyTablesKeepTheirHeader() {
        #expect(TOMLValue.table(["a": .table(["b": .table([:])])]).renderedDocument() == "[a.b]\n")
        #expect(TOMLValue.table([:]).renderedDocument() == "")
    }

    @Test func arraysOfTables() {
        let value: TOMLValue = .table([
            "plugins": .table([
                "io.containerd.transfer.v1.local": .table([
                    "unpack_config": .array([
                        .table(["platform": .string("linux/amd64"), "snapshotter": .string("overlayfs")]),
                        .table(["platform": .string("linux/arm64"), "extra": .table(["x": .integer(1)])]),
                    ])
                ])
            ])
        ])
        #expect(
            value.renderedDocument() == """
                [[plugins."io.containerd.transfer.v1.local".unpack_config]]
                platform = "linux/amd64"
                snapshotter = "overlayfs"

                [[plugins."io.containerd.transfer.v1.local".unpack_config]]
                platform = "linux/arm64"

                [plugins."io.containerd.transfer.v1.local".unpack_config.extra]
                x = 1

                """)
    }

    @Test(arguments: [
        (TOMLValue.array([.integer(1), .integer(-2)]), "[1, -2]"),
        (.array([]), "[]"),
        (.array([.array([.integer(1)]), .array([.string("a")])]), #"[[1], ["a"]]"#),
        (.array([.table(["a": .integer(1)]), .integer(2)]), "[{ a = 1 }, 2]"),  // not all tables: inline
        (.table(["b": .table(["c": .bool(false)]), "a": .string("x")]), #"{ a = "x", b = { c = false } }"#),
        (.table([:]), "{}"),
        (.float(1.0), "1.0"), (.float(0.5), "0.5"), (.float(1e20), "1e+20"), (.float(-0.0), "-0.0"),
        (.float(.nan), "nan"), (.float(.infinity), "inf"), (.float(-.infinity), "-inf"),
        (.string("a\"b\\c\nd\te\u{1}"), #""a\"b\\c\nd\te\u0001""#),
        (.dateTime("1979-05-27T07:32:00Z"), "1979-05-27T07:32:00Z"),
    ])
    func inlineValues(value: TOMLValue, expected: String) {
        #expect(value.inlineText == expected)
    }

    @Test(arguments: [
        ("plain_key-1", "plain_key-1"), ("io.containerd.grpc.v1.cri", #""io.containerd.grpc.v1.cri""#),
        ("with space", #""with space""#), ("", #""""#), ("quo\"te", #""quo\"te""#), ("é", #""é""#),
    ])
    func keys(key: String, expected: String) {
        #expect(TOMLValue.renderedKey(key) == expected)
    }

    /// A value using every kind of TOML value and layout renders to text that parses back to it.
    @Test func roundTrip() throws {
        let value: TOMLValue = .table([
            "version": .integer(3), "ratio": .float(0.75), "debug": .bool(false), "empty": .table([:]),
            "when": .dateTime("1979-05-27T00:32:00-07:00"), "day": .dateTime("1979-05-27"),
            "local": .dateTime("1979-05-27T07:32:00.5"), "clock": .dateTime("07:32:00"),
            "text": .string("quote \" backslash \\ newline \n control \u{1B} unicode ☃"),
            "odd key": .table(["a.b": .array([.string("x"), .table(["inline": .integer(1)])])]),
            "plugins": .table([
                Self.cri: .table([
                    "registry": .table([
                        "mirrors": .table(["docker.io": .table(["endpoint": .array([.string("https://m")])])])
                    ]),
                    "items": .array([.table(["n": .integer(1), "sub": .table(["deep": .table([:])])]), .table([:])]),
                ])
            ]),
        ])
        let text = value.renderedDocument()
        #expect(try TOMLParser.parse(text) == value)
        #expect(try TOMLParser.parse(text).renderedDocument() == text)
    }

    /// Date and time values keep their kind: a local date-time must not gain an offset.
    @Test(arguments: [
        "1979-05-27T07:32:00Z", "1979-05-27T00:32:00-07:00", "1979-05-27T00:32:00+05:30", "1979-05-27T07:32:00",
        "1979-05-27T07:32:00.999999", "1979-05-27", "07:32:00", "00:32:00.5",
    ])
    func dateTimesKeepTheirText(text: String) throws {
        #expect(try TOMLParser.parse("t = \(text)") == .table(["t": .dateTime(text)]))
    }

    @Test func parsesContainerdTextAndRendersItInContainerdStyle() throws {
        let text = """
            version = 2
            [plugins]
              [plugins.'io.containerd.grpc.v1.cri']
                sandbox_image = 'registry.k8s.io/pause:3.10'
                [plugins.'io.containerd.grpc.v1.cri'.registry]
                  config_path = '/etc/containerd/certs.d'
            """
        #expect(
            try TOMLParser.parse(text).renderedDocument() == """
                version = 2

                [plugins."io.containerd.grpc.v1.cri"]
                sandbox_image = "registry.k8s.io/pause:3.10"

                [plugins."io.containerd.grpc.v1.cri".registry]
                config_path = "/etc/containerd/certs.d"

                """)
    }

    @Test func reportsSyntaxErrorsWithTheirPosition() {
        #expect {
            try TOMLParser.parse("a = 1\n[b\n")
        } throws: { error in
            (error as? TOMLParser.SyntaxError)?.position == TextPosition(line: 2, column: 3)
        }
    }
}
