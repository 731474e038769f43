import Testing

@testable import NodePrepCore

/// The small value APIs other parts of nodeprep build on: TOML paths, deep merge, field paths.
@Suite struct ModelValueTests {
    static let registryPath = ["plugins", "io.containerd.grpc.v1.cri", "registry", "config_path"]

    @Test func tomlValueAtAPath() {
        let value: TOMLValue = .table([
            "plugins": .table([
                "io.containerd.grpc.v1.cri": .table([
                    "registry": .table([
                        "config_path": .string("/etc/containerd/certs.d")
                    ])
                ])
            ])
        ])
        #expect(value[Self.registryPath] == .string("/etc/containerd/certs.d"))
        #expect(value[["plugins", "missing"]] == nil)
        #expect(value[Self.registryPath + ["deeper"]] == nil)
        #expect(value[[]] == value)
    }

    @Test func settingAPathCreatesAndReplacesTables() {
        var value: TOMLValue = .table(["version": .integer(2), "plugins": .string("not a table")])
        value.set(.string("/etc/containerd/certs.d"), at: Self.registryPath)
        #expect(
            value
                == .table([
                    "version": .integer(2),
                    "plugins": .table([
                        "io.containerd.grpc.v1.cri": .table([
                            "registry": .table([
                                "config_path": .string("/etc/containerd/certs.d")
                            ])
                        ])
                    ]),
                ]))
        value.set(.bool(true), at: ["plugins", "io.containerd.grpc.v1.cri", "enable_cdi"])
        #expect(
            value[["plugins", "io.containerd.grpc.v1.cri", "registry", "config_path"]]
                == .string("/etc/containerd/certs.d"))
        #expect(value[["plugins", "io.containerd.grpc.v1.cri", "enable_cdi"]] == .bool(true))
    }

    /// The public merge used for a node's existing config.toml: tables deep, everything else replaced.
    @Test func tomlDeepMerge() {
        var base: TOMLValue = .table([
            "version": .integer(2), "imports": .array([.string("/a"), .string("/b")]),
            "grpc": .table(["address": .string("/run/a.sock"), "uid": .integer(0)]),
        ])
        base.deepMerge(
            .table([
                "imports": .array([]), "grpc": .table(["uid": .integer(1000)]),
                "debug": .table(["level": .string("warn")]),
            ]))
        #expect(
            base
                == .table([
                    "version": .integer(2), "imports": .array([]),
                    "grpc": .table(["address": .string("/run/a.sock"), "uid": .integer(1000)]),
                    "debug": .table(["level": .string("warn")]),
                ]))
    }

    @Test func jsonValueHelpers() {
        #expect(JSONValue.object([:]).isEmptyObject)
        #expect(JSONValue.null.isEmptyObject)
        #expect(!JSONValue.array([]).isEmptyObject)
        #expect(!JSONValue.object(["a": .null]).isEmptyObject)
        #expect(JSONValue.object(["a": .integer(1)])["a"] == .integer(1))
        #expect(JSONValue.array([])["a"] == nil)
    }

    @Test func fieldPaths() {
        #expect(FieldPath.join("", "spec") == "spec")
        #expect(
            FieldPath.join("spec.containerd.config.plugins", "io.containerd.grpc.v1.cri")
                == "spec.containerd.config.plugins.\"io.containerd.grpc.v1.cri\"")
        #expect(FieldPath.index("spec.kubelet.flags", 3) == "spec.kubelet.flags[3]")
        #expect(FieldPath.isWithin("spec.kubelet.flags[1]", "spec.kubelet.flags"))
        #expect(FieldPath.isWithin("spec.kubelet.config.maxPods", "spec.kubelet.config"))
        #expect(FieldPath.isWithin("spec.kubelet", "spec.kubelet"))
        #expect(!FieldPath.isWithin("spec.kubelet.flags[10]", "spec.kubelet.flags[1]"))
        #expect(!FieldPath.isWithin("spec.kubelet.configs", "spec.kubelet.config"))
        #expect(
            FieldPath.selfAndAncestors("spec.kubelet.flags[2]") == [
                "spec.kubelet.flags[2]", "spec.kubelet.flags", "spec.kubelet", "spec",
            ])
    }

    @Test func invalidConfigurationCountsErrorsOnly() {
        let origin = Origin(
            source: "user-data", part: .init(number: "2", mediaType: "application/node.eks.aws"), document: 3)
        let error = NodePrepError.invalidConfiguration([
            .warning("unknown feature gate", at: origin),
            .error("unknown field spec.x", at: origin, position: .init(line: 7, column: 5)),
        ])
        #expect(
            error.description == """
                invalid configuration (1 problem):
                  user-data part 2 (application/node.eks.aws) document 3 line 7:5: unknown field spec.x
                """)
    }
}
