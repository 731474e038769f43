import Testing
@testable import NodePrepCore

/// TOML that once crashed nodeprep (found by Fuzz/FuzzTOMLRoundTrip or the bad-input corpus),
/// and the valid TOML next to it that must still parse.
struct TOMLParserHardeningTests {
    func syntaxError(_ text: String) -> TOMLParser.SyntaxError? {
        do {
            _ = try TOMLParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    /// FuzzTOMLRoundTrip's first crash: toml++ asserted (and aborted the process, release builds
    /// included) on a table header starting with a character that cannot start a key.
    @Test(arguments: [
        "version = 2\n[+plugins.\"io.containerd.grpc.v1.cri\".containerd]\n",
        "[+a]", "[[ =a]]", "[\t,a]", "[\n", "a = 1\n  [#]\n",
    ])
    func tableHeaderWithoutAKeyIsAnError(_ text: String) {
        #expect(syntaxError(text)?.message == "a table header must start with a key")
    }

    @Test func headerErrorNamesItsLineAndColumn() {
        #expect(syntaxError("a = 1\n\n  [ +a]\n")?.position == TextPosition(line: 3, column: 5))
    }

    @Test(arguments: [
        "x = [\n  [+1, 2],\n  [-3],\n]\n[b]\ny = 1\n",
        "a = '''\n[+x'''\n",
        "a = \"\"\"\n[+x\"\"\"\n",
        "a = \"\\\"[+x\"\n['+']\nb = 1\n",
        "x = { y = [\n] }\n",
        "# [+comment]\n[ 'quoted' ]\n",
    ])
    func validTOMLThatLooksLikeABadHeaderStillParses(_ text: String) throws {
        _ = try TOMLParser.parse(text)
    }

    /// A 20,000-part header overflowed the stack, first in nodeprep's conversion of the tree and,
    /// at 400,000 parts, inside toml++'s own recursive walk.
    @Test func keysNestedTooDeepAreAnErrorNotACrash() {
        let header = "[" + Array(repeating: "a", count: 400_000).joined(separator: ".") + "]\n"
        #expect(syntaxError(header)?.message.hasSuffix("keys nested too deep") == true)
        let inline = "x = {" + Array(repeating: "a", count: 20_000).joined(separator: ".") + " = 1}\n"
        #expect(syntaxError(inline)?.position == TextPosition(line: 1, column: 519))  // the 257th dot: column 5 + 2 × 257
        let deep = "[" + Array(repeating: "t", count: 100).joined(separator: ".") + "]\n"
        #expect(syntaxError(deep)?.message.hasPrefix("tables and arrays nest more than 64 levels deep") == true)
    }

    @Test func dotsInStringsAndCommentsDoNotCount() throws {
        let dots = String(repeating: ".", count: 1000)
        _ = try TOMLParser.parse("a = \"\(dots)\"\nb = '''\n\(dots)\n'''\n# \(dots)\n")
    }

    /// TOMLKit passes the text to C as a C string: everything after a NUL was silently dropped.
    @Test func nulIsAnErrorWithItsPosition() {
        let error = syntaxError("a = 1\nb = 2\u{0}\n[[[broken")
        #expect(error?.message == "NUL character")
        #expect(error?.position == TextPosition(line: 2, column: 6))
    }
}
