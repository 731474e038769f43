import Foundation
import Testing

@testable import NodePrepCore

/// JSON text for `config dump` and the runtime spec file: sorted keys, stable bytes, every control
/// character escaped.
@Suite struct JSONRenderingTests {
    @Test func sortsKeysAndIndents() {
        let value: JSONValue = .object([
            "b": .array([.integer(1), .object([:]), .array([])]), "a": .null, "C": .object(["z": .bool(false)]),
        ])
        #expect(
            value.rendered() == """
                {
                  "C": {
                    "z": false
                  },
                  "a": null,
                  "b": [
                    1,
                    {},
                    []
                  ]
                }
                """)
        #expect(value.rendered(indent: 4).contains("\n    \"C\": {\n        \"z\": false\n    },"))
        #expect(value.rendered(indent: 0) == #"{"C": {"z": false}, "a": null, "b": [1, {}, []]}"#)
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("say \"hi\"", #""say \"hi\"""#),
        ("back\\slash", #""back\\slash""#),
        ("line\nbreak\r\ttab", #""line\nbreak\r\ttab""#),
        ("\u{0}\u{1}\u{1F}\u{7F}", #""\u0000\u0001\u001F\u007F""#),
        ("café ☃ 🐳", "\"café ☃ 🐳\""),
        ("</script>", #""</script>""#),
    ])
    func escapesStrings(text: String, expected: String) throws {
        #expect(JSONValue.string(text).rendered() == expected)
        // An independent parser reads the text back to the same string.
        let parsed = try JSONSerialization.jsonObject(with: Data(expected.utf8), options: .fragmentsAllowed)
        #expect(parsed as? String == text)
    }

    @Test func escapesKeys() {
        #expect(JSONValue.object(["a\"b\n": .integer(1)]).rendered(indent: 0) == #"{"a\"b\n": 1}"#)
    }

    @Test(arguments: [
        (JSONValue.integer(Int64.max), "9223372036854775807"), (.integer(-42), "-42"), (.number(1.5), "1.5"),
        (.number(2.0), "2"), (.number(-0.25), "-0.25"), (.number(1e20), "1e+20"), (.number(0.1), "0.1"),
        (.number(.nan), "null"), (.number(.infinity), "null"), (.bool(true), "true"),
    ])
    func rendersNumbersAndScalars(value: JSONValue, expected: String) {
        #expect(value.rendered() == expected)
    }

    /// The List `config dump` prints: nodeadm's NodeConfig shape (empty values left out, structure
    /// objects kept) and the MirrorConfig with its defaults.
    @Test func dumpsAListOfResolvedDocuments() {
        let config = Pipeline.merge(
            Document.nodeConfig("cluster:\n  name: a\n  id: \"\"\nkubelet:\n  flags: [--v=2]\n"),
            Document.mirrorConfig("targets: [\"http://${NODE_IP}:30020\"]\n"))
        #expect(
            config.dumpValue.rendered() == """
                {
                  "apiVersion": "v1",
                  "items": [
                    {
                      "apiVersion": "node.eks.aws/v1alpha1",
                      "kind": "NodeConfig",
                      "metadata": {},
                      "spec": {
                        "cluster": {
                          "name": "a"
                        },
                        "containerd": {},
                        "instance": {
                          "localStorage": {},
                          "network": {}
                        },
                        "kubelet": {
                          "flags": [
                            "--v=2"
                          ]
                        }
                      }
                    },
                    {
                      "apiVersion": "nodeprep.dev/v1alpha1",
                      "kind": "MirrorConfig",
                      "metadata": {},
                      "spec": {
                        "configPath": "/etc/containerd/certs.d",
                        "prependExisting": false,
                        "registries": [],
                        "resolveTags": true,
                        "targets": [
                          "http://${NODE_IP}:30020"
                        ]
                      }
                    }
                  ],
                  "kind": "List"
                }
                """)
    }

    /// Every NodeConfig field appears under nodeadm's name when it is set.
    @Test func dumpsEveryNodeConfigField() throws {
        let config = Pipeline.merge(
            Document.nodeConfig(
                """
                cluster: {name: n, apiServerEndpoint: e, certificateAuthority: Y2E=, cidr: 10.0.0.0/8, enableOutpost: false, id: i}
                containerd: {config: "version = 2", baseRuntimeSpec: {ociVersion: 1.1.0}}
                instance:
                  localStorage: {strategy: RAID0, mountPath: /mnt, disabledMounts: [SOCI]}
                  environment: {default: {A: b}}
                  network: {nameservers: [10.0.0.2], domains: [ec2.internal]}
                kubelet: {config: {maxPods: 58}, flags: [--v=2], maxPodsExpression: max_pods}
                featureGates: {FastImagePull: true}
                """))
        let rendered = try #require(config.documentValues.first).rendered(indent: 0)
        let spec =
            #"{"cluster": {"apiServerEndpoint": "e", "certificateAuthority": "Y2E=", "cidr": "10.0.0.0/8", "#
            + #""enableOutpost": false, "id": "i", "name": "n"}, "containerd": {"baseRuntimeSpec": {"ociVersion": "1.1.0"}, "#
            + #""config": "version = 2"}, "featureGates": {"FastImagePull": true}, "instance": {"environment": "#
            + #"{"default": {"A": "b"}}, "localStorage": {"disabledMounts": ["SOCI"], "mountPath": "/mnt", "#
            + #""strategy": "RAID0"}, "network": {"domains": ["ec2.internal"], "nameservers": ["10.0.0.2"]}}, "#
            + #""kubelet": {"config": {"maxPods": 58}, "flags": ["--v=2"], "maxPodsExpression": "max_pods"}}"#
        #expect(
            rendered == #"{"apiVersion": "node.eks.aws/v1alpha1", "kind": "NodeConfig", "metadata": {}, "spec": "#
                + spec + "}")
    }
}
