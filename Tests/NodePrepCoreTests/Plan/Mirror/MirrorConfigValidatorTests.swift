import Testing

@testable import NodePrepCore

@Suite struct MirrorConfigValidatorTests {
    /// Problems of a single target, as `field: message` lines.
    private func targetProblems(_ url: String) -> [String] {
        MirrorConfigValidator.problems(targets: [url]).map(\.description)
    }

    @Test func validSettingsHaveNoProblems() {
        let config = MirrorConfig(
            registries: [
                "https://docker.io", "http://registry.internal.test:5000", "http://[fd00::1]:5000", "_default",
            ],
            targets: [
                "http://${NODE_IP}:30020", "https://10.20.0.9", "http://[fd00:10::9]:30021",
                "http://cache_01.corp-net.test:80",
            ],
            configPath: "/var/lib/nodeprep/certs.d")
        #expect(MirrorConfigValidator.problems(in: config).isEmpty)
    }

    @Test(arguments: [
        ("ftp://mirror.test", "invalid registry url scheme must be http or https: ftp://mirror.test"),
        ("mirror.test", "invalid registry url scheme must be http or https: mirror.test"),
        ("https://docker.io/", "invalid registry url path has to be empty: https://docker.io/"),
        ("http://mirror.test/v2", "invalid registry url path has to be empty: http://mirror.test/v2"),
        (
            "http://mirror.test:5000?ns=docker.io",
            "invalid registry url query has to be empty: http://mirror.test:5000?ns=docker.io"
        ),
        ("http://mirror.test?", "invalid registry url query has to be empty: http://mirror.test?"),
        ("http://mirror.test#top", "invalid registry url fragment has to be empty: http://mirror.test#top"),
        ("http://puller@mirror.test", "invalid registry url user has to be empty: http://puller@mirror.test"),
        (
            "http://puller:s3cret@mirror.test",
            "invalid registry url user has to be empty: http://puller:xxxxx@mirror.test"
        ),
        ("http://", "invalid registry url host is missing: http://"),
        ("http:mirror.test", "invalid registry url host is missing: http:mirror.test"),
        ("http://:5000", "invalid registry url host is missing: http://:5000"),
        ("http://fd00::1:5000", "invalid registry url host must put an IPv6 address in brackets: http://fd00::1:5000"),
        ("http://[fd00::zz]:5000", "invalid registry url host is not a valid IPv6 address: http://[fd00::zz]:5000"),
        ("http://[fd00::1:5000", "invalid registry url host has an unclosed '[': http://[fd00::1:5000"),
        (
            "http://[fd00::1]5000",
            "invalid registry url host must be followed by nothing or a ':port': http://[fd00::1]5000"
        ),
        (
            "http://mirror'test",
            "invalid registry url host may only contain letters, digits, '.', '-' and '_': http://mirror'test"
        ),
        (
            "http://mirror%2F..",
            "invalid registry url host may only contain letters, digits, '.', '-' and '_': http://mirror%2F.."
        ),
        (
            "http://..:5000",
            "invalid registry url host must be dot-separated names of 1 to 63 characters: http://..:5000"
        ),
        (
            "http://mirror..test",
            "invalid registry url host must be dot-separated names of 1 to 63 characters: http://mirror..test"
        ),
        ("http://_backup", "invalid registry url host _backup is a reserved folder name: http://_backup"),
        ("http://_default:5000", "invalid registry url host _default is a reserved folder name: http://_default:5000"),
        ("http://mirror.test:0", "invalid registry url port must be a number from 1 to 65535: http://mirror.test:0"),
        (
            "http://mirror.test:65536",
            "invalid registry url port must be a number from 1 to 65535: http://mirror.test:65536"
        ),
        ("http://mirror.test:", "invalid registry url port must be a number from 1 to 65535: http://mirror.test:"),
        (
            "http://mirror.test:http",
            "invalid registry url port must be a number from 1 to 65535: http://mirror.test:http"
        ),
        (
            "http://${FOO}:30020",
            "invalid registry url only the ${NODE_IP} placeholder is allowed, found ${FOO}: http://${FOO}:30020"
        ),
        // Found by fuzzing: an unclosed placeholder with a quote reached hosts.toml as [host.'http://${'x'].
        (
            "http://${'ODE_IP1",
            "invalid registry url only the ${NODE_IP} placeholder is allowed, found ${'ODE_IP1: http://${'ODE_IP1"
        ),
        (
            "http://${NODE_IP",
            "invalid registry url only the ${NODE_IP} placeholder is allowed, found ${NODE_IP: http://${NODE_IP"
        ),
        (
            "http://node-${NODE_IP}:30020",
            "invalid registry url ${NODE_IP} must be the whole host: http://node-${NODE_IP}:30020"
        ),
        (
            "http://[${NODE_IP}]:30020",
            "invalid registry url ${NODE_IP} must be the whole host: http://[${NODE_IP}]:30020"
        ),
        (
            "http://mirror test",
            "invalid registry url must not contain spaces or control characters: http://mirror test"
        ),
        (
            "http://mirror.test\n[host.'x']",
            "invalid registry url must not contain spaces or control characters: http://mirror.test\\n[host.'x']"
        ),
    ])
    func eachURLProblemHasItsMessage(url: String, message: String) {
        #expect(targetProblems(url) == ["spec.targets[0]: " + message])
    }

    @Test func everyProblemOfOneURLIsReported() {
        #expect(
            targetProblems("ftp://puller@mirror.test/v2?x=1#y") == [
                "spec.targets[0]: invalid registry url scheme must be http or https: ftp://puller@mirror.test/v2?x=1#y",
                "spec.targets[0]: invalid registry url path has to be empty: ftp://puller@mirror.test/v2?x=1#y",
                "spec.targets[0]: invalid registry url query has to be empty: ftp://puller@mirror.test/v2?x=1#y",
                "spec.targets[0]: invalid registry url fragment has to be empty: ftp://puller@mirror.test/v2?x=1#y",
                "spec.targets[0]: invalid registry url user has to be empty: ftp://puller@mirror.test/v2?x=1#y",
            ])
    }

    @Test func problemsNameTheFieldAndIndex() {
        let problems = MirrorConfigValidator.problems(
            registries: ["https://quay.io", "quay.io"], fieldPrefix: "spec.mirror")
        #expect(
            problems == [
                MirrorConfigProblem(
                    field: "spec.mirror.registries[1]",
                    message: "invalid registry url scheme must be http or https: quay.io")
            ])
    }

    @Test func wildcardRules() {
        #expect(
            MirrorConfigValidator.problems(registries: ["_default", "https://quay.io", "*"]).map(\.description) == [
                "spec.registries[2]: registries should not contain two wildcards"
            ])
        #expect(
            MirrorConfigValidator.problems(targets: ["http://10.20.0.7:30020", "_default", "*"]).map(\.description) == [
                "spec.targets[1]: wildcard registries are not allowed",
                "spec.targets[2]: wildcard registries are not allowed",
            ])
    }

    @Test func registriesSharingAFolderAreRefused() {
        #expect(
            MirrorConfigValidator.problems(registries: ["http://quay.io", "https://quay.io", "https://quay.io:443"])
                .map(\.description) == [
                    "spec.registries[1]: registry folder quay.io is already written for spec.registries[0]"
                ])
    }

    @Test func duplicateTargetsAreRefused() {
        #expect(
            MirrorConfigValidator.problems(targets: ["http://${NODE_IP}:30020", "HTTP://${NODE_IP}:30020"]).map(
                \.description) == [
                    "spec.targets[1]: duplicate mirror target http://${NODE_IP}:30020, already given as spec.targets[0]"
                ])
    }

    @Test func targetsAreRequiredOnlyOnceMerged() {
        #expect(MirrorConfigValidator.problems(targets: []).isEmpty)
        #expect(
            MirrorConfigValidator.problems(in: MirrorConfig(targets: [])).map(\.description) == [
                "spec.targets: at least one mirror target is required"
            ])
    }

    @Test(arguments: [
        ("etc/containerd/certs.d", "must be an absolute path: etc/containerd/certs.d"),
        ("", "must be an absolute path: "),
        ("/", "must not be the root folder, whose every entry would be moved into a backup"),
        (
            "/etc/containerd/../certs.d",
            "must be a normalised path without empty, '.' or '..' components or a trailing '/': /etc/containerd/../certs.d"
        ),
        (
            "/etc/./certs.d",
            "must be a normalised path without empty, '.' or '..' components or a trailing '/': /etc/./certs.d"
        ),
        (
            "/etc//certs.d",
            "must be a normalised path without empty, '.' or '..' components or a trailing '/': /etc//certs.d"
        ),
        (
            "/etc/containerd/certs.d/",
            "must be a normalised path without empty, '.' or '..' components or a trailing '/': /etc/containerd/certs.d/"
        ),
        ("/etc/certs.d\n", "must not contain control characters: /etc/certs.d\\n"),
    ])
    func configPathMustBeAbsoluteAndNormalised(path: String, message: String) {
        #expect(MirrorConfigValidator.problems(configPath: path).map(\.description) == ["spec.configPath: " + message])
    }

    @Test func plannerRefusesWhatTheValidatorRefuses() {
        let config = MirrorConfig(
            registries: ["https://docker.io/"], targets: ["http://mirror'test"], configPath: "relative")
        #expect(mirrorPlanError(config) == .invalidConfig(MirrorConfigValidator.problems(in: config)))
        #expect(MirrorConfigValidator.problems(in: config).count == 3)
    }
}
