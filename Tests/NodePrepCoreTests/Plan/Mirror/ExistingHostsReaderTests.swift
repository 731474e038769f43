import Testing

@testable import NodePrepCore

/// The pieces behind prependExisting: the header scanner (file order) and the go-toml style
/// re-emission (sorted keys, quoting rules, sub-tables and array tables).
@Suite struct ExistingHostsReaderTests {
    @Test func scannerFindsTwoPartHostHeadersInFileOrder() {
        let text = #"""
            [host."https://b.test"]
            [ host . 'https://a.test' ]
            [host."https://c.test".header]
            [[host.'https://array.test']]
            [hosts.'https://other.test']
            [host."https://esc\u0061ped.test"]
            [host.bare-key]
            """#
        #expect(
            HostTableHeaderScanner.hostNames(in: text) == [
                "https://b.test", "https://a.test", "https://escaped.test", "bare-key",
            ])
    }

    @Test func scannerIsNotFooledByStringsCommentsOrMultiLineArrays() {
        let text = #"""
            # [host.'https://in-comment.test']
            a = "[host.'https://in-basic-string.test']"
            b = '''
            [host.'https://in-literal-multiline.test']
            '''
            c = """
            [host.'https://in-basic-multiline.test'] \"""
            """"
            d = [
              [1, 2],
            [3],
            ]
            e = { f = "x" }
            [host.'https://real.test'] # [host.'https://after-header.test']
            """#
        #expect(HostTableHeaderScanner.hostNames(in: text) == ["https://real.test"])
    }

    /// As in go-toml, an inline table in table position comes back as a sub-table; only inside a
    /// mixed array does a table stay inline.
    @Test func reEmitsWithSortedKeysAndGoTOMLQuoting() throws {
        let text = #"""
            [host."https://mirror.test"]
            zeta = 3
            "key with space" = "it's"
            "it's" = "tab\there"
            alpha = ["a", 'b']
            empty = []
            flag = true
            inline = { y = 2, x = "1" }
            mixed = [{ b = 2, a = "1" }, 3]
            ctl = "bell\u0007"
            [host."https://mirror.test".z-sub]
            k = "v"
            [host."https://mirror.test".a-sub]
            [[host."https://mirror.test".items]]
            n = 1
            [[host."https://mirror.test".items]]
            n = 2
            [host."https://mirror.test".items.inner]
            """#
        let tables = try ExistingHostsReader.hostTables(in: Array(text.utf8))

        #expect(tables.map(\.host) == ["https://mirror.test"])
        #expect(
            tables.first?.text == #"""
                [host.'https://mirror.test']
                alpha = ['a', 'b']
                ctl = "bell\u0007"
                empty = []
                flag = true
                "it's" = 'tab	here'
                'key with space' = "it's"
                mixed = [{a = '1', b = 2}, 3]
                zeta = 3

                [host.'https://mirror.test'.a-sub]

                [host.'https://mirror.test'.inline]
                x = '1'
                y = 2

                [[host.'https://mirror.test'.items]]
                n = 1

                [[host.'https://mirror.test'.items]]
                n = 2

                [host.'https://mirror.test'.items.inner]

                [host.'https://mirror.test'.z-sub]
                k = 'v'
                """#)
    }

    @Test func noHostTableMeansNothingKept() throws {
        #expect(try ExistingHostsReader.hostTables(in: Array("server = 'https://x.test'\n[host]\n".utf8)).isEmpty)
        #expect(try ExistingHostsReader.hostTables(in: []).isEmpty)
    }

    @Test func nulByteIsRefused() {
        #expect(throws: ExistingHostsReader.Unreadable(reason: "it is not valid TOML (line 2:1): NUL character")) {
            try ExistingHostsReader.hostTables(in: Array("[host.'a']\n".utf8) + [0])
        }
    }
}
