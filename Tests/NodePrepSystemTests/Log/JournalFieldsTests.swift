import Logging
import NodePrepCore
import Testing

@testable import NodePrepSystem

struct JournalFieldsTests {
    struct SampleError: Error, CustomStringConvertible {
        var description: String { "connection refused" }
    }

    @Test func aKeyEventCarriesItsMessageIDAndMetadataFields() {
        let fields = JournalFields.fields(
            level: .info,
            message: "wrote /etc/containerd/config.toml",
            metadata: ["path": "/etc/containerd/config.toml", "event": "file-written", "source": "imds"],
            file: "NodePrep/Init.swift",
            function: "run()",
            line: 42
        )
        #expect(
            fields == [
                "MESSAGE=wrote /etc/containerd/config.toml",
                "PRIORITY=6",
                "SYSLOG_IDENTIFIER=nodeprep",
                "MESSAGE_ID=8e5a9b1bac864cb48e5afd38df9b81c2",
                "NODEPREP_EVENT=file-written",
                "NODEPREP_PATH=/etc/containerd/config.toml",
                "NODEPREP_SOURCE=imds",
                "CODE_FILE=NodePrep/Init.swift",
                "CODE_LINE=42",
                "CODE_FUNC=run()",
            ]
        )
    }

    @Test func anErrorBecomesItsOwnFieldAndAnUnknownEventHasNoMessageID() {
        let fields = JournalFields.fields(
            level: .critical,
            message: "could not read user data",
            metadata: ["event": "no-such-event"],
            error: SampleError(),
            file: "f",
            function: "g",
            line: 1
        )
        #expect(
            fields == [
                "MESSAGE=could not read user data",
                "PRIORITY=2",
                "SYSLOG_IDENTIFIER=nodeprep",
                "NODEPREP_EVENT=no-such-event",
                "NODEPREP_ERROR=connection refused",
                "CODE_FILE=f",
                "CODE_LINE=1",
                "CODE_FUNC=g",
            ]
        )
    }

    /// The run's last entry: `journalctl MESSAGE_ID=… NODEPREP_CODE=sourceUnavailable` finds every boot
    /// that could not read a source, and `NODEPREP_ERRNO` says what the system said.
    @Test func aFatalErrorCarriesItsCodeErrnoExitStatusAndPath() {
        let failure = NodePrepError.sourceUnavailable(SourceLoader.Failure(source: "/etc/x.yaml", reason: .missing))
        let fields = JournalFields.fields(
            level: .critical,
            message: "\(failure)",
            metadata: NodePrepEvent.fatalError.metadata(failure.logMetadata),
            file: "f",
            function: "g",
            line: 1
        )
        #expect(
            fields == [
                "MESSAGE=cannot read configuration: /etc/x.yaml: no such file or folder",
                "PRIORITY=2",
                "SYSLOG_IDENTIFIER=nodeprep",
                "MESSAGE_ID=0d9cf70e1be645a698b4ebd6e948a93b",
                "NODEPREP_CODE=sourceUnavailable",
                "NODEPREP_ERRNO=2",
                "NODEPREP_EVENT=fatal-error",
                "NODEPREP_EXIT_STATUS=69",
                "NODEPREP_PATH=/etc/x.yaml",
                "CODE_FILE=f",
                "CODE_LINE=1",
                "CODE_FUNC=g",
            ]
        )
    }

    @Test func metadataValuesOfEveryShapeAreWrittenAsText() {
        let fields = JournalFields.fields(
            level: .debug,
            message: "m",
            metadata: ["targets": ["http://10.0.0.1:30020", "http://10.0.0.2:30020"], "attempt": "\(3)"],
            file: "f",
            function: "g",
            line: 1
        )
        #expect(fields.contains(#"NODEPREP_TARGETS=["http://10.0.0.1:30020", "http://10.0.0.2:30020"]"#))
        #expect(fields.contains("NODEPREP_ATTEMPT=3"))
        #expect(fields.contains("PRIORITY=7"))
    }

    @Test(arguments: [
        (Logger.Level.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
    ])
    func prioritiesFollowSyslog(level: Logger.Level, priority: Int) {
        #expect(JournalFields.priority(level) == priority)
    }

    @Test(arguments: [
        ("path", "NODEPREP_PATH"),
        ("containerd-version", "NODEPREP_CONTAINERD_VERSION"),
        ("config.source", "NODEPREP_CONFIG_SOURCE"),
        ("mirrorTargets", "NODEPREP_MIRRORTARGETS"),
        ("größe", "NODEPREP_GR_SSE"),
        (String(repeating: "k", count: 80), "NODEPREP_" + String(repeating: "K", count: 55)),
    ])
    func metadataKeysBecomeValidFieldNames(key: String, field: String) {
        #expect(JournalFields.fieldName(forMetadataKey: key) == field)
    }
}
