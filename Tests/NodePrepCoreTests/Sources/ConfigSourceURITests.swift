import Testing

@testable import NodePrepCore

/// `--config-source` values, in nodeadm's URI forms.
@Suite struct ConfigSourceURITests {
    @Test(arguments: [
        ("file:///etc/nodeprep/config.d/", ConfigSourceURI.file(path: "/etc/nodeprep/config.d/")),
        ("file:///tmp/user-data.mime", .file(path: "/tmp/user-data.mime")),
        ("file://relative/dir/x.yaml", .file(path: "relative/dir/x.yaml")),  // as in nodeadm: no host part
        ("imds://user-data", .imdsUserData),
    ])
    func parses(text: String, expected: ConfigSourceURI) throws {
        let parsed = try ConfigSourceURI(parsing: text)
        #expect(parsed == expected)
        #expect(parsed.description == text)
    }

    @Test(arguments: [
        ("file://", "file://: a file source needs a path"),
        (
            "/etc/nodeprep/config.d/",
            "/etc/nodeprep/config.d/: unsupported config source (use file://PATH or imds://user-data)"
        ),
        ("imds://meta-data", "imds://meta-data: unsupported config source (use file://PATH or imds://user-data)"),
        ("IMDS://user-data", "IMDS://user-data: unsupported config source (use file://PATH or imds://user-data)"),
        (
            "http://169.254.169.254/",
            "http://169.254.169.254/: unsupported config source (use file://PATH or imds://user-data)"
        ),
    ])
    func rejects(text: String, message: String) {
        #expect {
            try ConfigSourceURI(parsing: text)
        } throws: { error in
            (error as? ConfigSourceURI.ParseError)?.description == message
        }
    }

    /// One flag value may name several sources, comma-separated, as nodeadm's `--config-source` does.
    @Test func aCommaSeparatedValueIsSeveralSourcesInOrder() throws {
        #expect(
            try ConfigSourceURI.list(parsing: "file://a.yaml,imds://user-data,file:///etc/x.d/")
                == [.file(path: "a.yaml"), .imdsUserData, .file(path: "/etc/x.d/")])
        #expect(try ConfigSourceURI.list(parsing: "imds://user-data") == [.imdsUserData])
    }

    @Test(arguments: [
        ("file://a.yaml,", "file://a.yaml,: an empty source in a comma-separated list"),
        (",imds://user-data", ",imds://user-data: an empty source in a comma-separated list"),
        ("", ": an empty source in a comma-separated list"),
        ("file://a.yaml,s3://b", "s3://b: unsupported config source (use file://PATH or imds://user-data)"),
        ("file://a.yaml,file://", "file://: a file source needs a path"),
    ])
    func rejectsAListWithABadItem(text: String, message: String) {
        #expect {
            try ConfigSourceURI.list(parsing: text)
        } throws: { error in
            (error as? ConfigSourceURI.ParseError)?.description == message
        }
    }

    @Test func theDefaultChainIsTheImageFolderThenUserData() {
        #expect(ConfigSourceURI.defaultChain == [.file(path: "/etc/nodeprep/config.d/"), .imdsUserData])
    }
}
