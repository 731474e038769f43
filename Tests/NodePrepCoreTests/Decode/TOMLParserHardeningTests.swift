import Testing

@testable import NodePrepCore

/// TOML that once crashed nodeprep (found by Fuzz/ or the bad-input corpus): each is now an
/// error with a position, and the valid TOML next to it still parses.
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
        "[+a]", "[[ =a]]", "[\t,a]", "[\n", "a = 1\n  [#]\n", "[[[1]]]",
    ])
    func tableHeaderWithoutAKeyIsAnError(_ text: String) {
        #expect(syntaxError(text)?.message == "a table header must start with a key")
    }

    @Test func headerErrorNamesItsLineAndColumn() {
        #expect(syntaxError("a = 1\n\n  [ +a]\n")?.position == TextPosition(line: 3, column: 5))
    }

    /// FuzzTOMLRoundTrip's second crash: toml++ took `27t` for a date-time and asserted on the
    /// `d` where the time should start.
    @Test func dateTimeWithAStrayLetterIsAnError() {
        let error = syntaxError("# every\nwhen = 1979-05-27tdT07:32:@0-08:00\ne9")
        #expect(error?.message == "expected 2 digits in a date or time")
        #expect(error?.position == TextPosition(line: 2, column: 19))
    }

    /// A 20,000-part header overflowed the stack, first in nodeprep's conversion of the tree and,
    /// at 400,000 parts, inside toml++'s own recursive walk.
    @Test func keysNestedTooDeepAreAnErrorNotACrash() {
        let header = "[" + Array(repeating: "a", count: 400_000).joined(separator: ".") + "]\n"
        #expect(syntaxError(header)?.message == "a key has more than 64 parts")
        let inline = "x = {" + Array(repeating: "a", count: 20_000).joined(separator: ".") + " = 1}\n"
        // The 65th part: column 6 + 2 × 64.
        #expect(syntaxError(inline)?.position == TextPosition(line: 1, column: 134))
        let arrays = "x = " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(syntaxError(arrays)?.message == "values nest more than 64 levels deep")
        let deep =
            "[" + Array(repeating: "t", count: 40).joined(separator: ".") + "]\n"
            + Array(repeating: "u", count: 30).joined(separator: ".") + " = 1\n"
        #expect(syntaxError(deep)?.message.hasPrefix("tables and arrays nest more than 64 levels deep") == true)
    }

    /// TOMLKit passes the text to C as a C string: everything after a NUL was silently dropped.
    @Test func nulIsAnErrorWithItsPosition() {
        let error = syntaxError("a = 1\nb = 2\u{0}\n[[[broken")
        #expect(error?.message == "NUL character")
        #expect(error?.position == TextPosition(line: 2, column: 6))
    }
}
