import Testing

@testable import NodePrepCore

/// The TOML 1.0 syntax check that stands in front of toml++: everything TOML 1.0 allows passes
/// it (and then parses), everything malformed stops at it with a line and column.
struct TOMLSyntaxCheckTests {
    @Test(arguments: [
        "",
        "\u{FEFF}a = 1\r\n",
        "# comment only\n\n\t  \n",
        "a = \"basic \\\" \\\\ \\b\\t\\n\\f\\r \\u00e9 \\U0001F600\"",
        "a = 'literal \\ no escapes'",
        "a = \"\"\"\nmulti\n  \\\n   joined \"\" quotes\"\"\"\"\"",
        "a = '''\nraw \\n ''' \nb = ''''''",
        "a = '''x'''''",
        "int = [+1, -0, 1_000, 0xDEAD_beef, 0o755, 0b1010]",
        "float = [1.0, -3.14, 6.02e23, 1e-3, 1E+3, 9_224.617_445_991, -0.0, +inf, -nan, inf, nan, 0.5e0_1]",
        "bool = [true, false]",
        "dates = [1979-05-27T07:32:00Z, 1979-05-27t07:32:00.999-07:00, 1979-05-27 07:32:00, 1979-05-27, 07:32:00.5]",
        "mixed = [ 1, 'a', [2, 3], { x = 1 }, ]",
        "multi = [\n  1, # one\n  2,\n\n  # done\n]",
        "inline = { a = 1, b.c = 'x', \"q k\" = { d = [] } }",
        "[a . \"b\" . 'c']\n[[ d.e ]]\n[[d.e]]\nf = 1",
        "a.b.c = 1\na.'b'.\"d\" = 2",
        "1234 = 'a bare key of digits'\n-_- = 1",
        "key = \"value\" # trailing comment\n[table] # after a header",
    ])
    func validTOMLPasses(_ text: String) throws {
        #expect(TOMLSyntaxCheck.problem(in: text) == nil)
        _ = try TOMLParser.parse(text)
    }

    @Test(arguments: [
        ("a = ", 1, 5, "expected a value"),
        ("= 1", 1, 1, "expected a key"),
        ("a b = 1", 1, 3, "expected '=' after the key"),
        ("a = 1 b = 2", 1, 7, "expected the end of the line"),
        ("a = \"unterminated\nb = 1", 1, 18, "unterminated string"),
        ("a = \"bad \\q escape\"", 1, 10, "invalid escape sequence"),
        ("a = \"\\uD800\"", 1, 6, "invalid Unicode escape"),
        ("a = \"tab\tok but bell \u{7}\"", 1, 22, "control character in a string"),
        ("a = 1 # bell \u{7}", 1, 14, "control character in a comment"),
        ("a = 1\rb = 2", 1, 6, "expected the end of the line"),
        ("a = 01", 1, 7, "leading zeros are not allowed"),
        ("a = 1__0", 1, 6, "expected the end of the line"),
        ("a = 1.", 1, 7, "expected a digit"),
        ("a = +0x10", 1, 7, "expected the end of the line"),
        ("a = 0x", 1, 7, "expected a digit"),
        ("a = 1979-05-27T7:32:00", 1, 16, "expected 2 digits in a date or time"),
        ("a = 07:32", 1, 10, "expected ':' in a date or time"),
        ("a = 07:32:00.1_0", 1, 15, "expected the end of the line"),
        ("a = truth", 1, 5, "expected a value"),
        ("a = [1 2]", 1, 8, "expected ',' or ']' in an array"),
        ("a = [,]", 1, 6, "expected a value"),
        ("a = { b = 1, }", 1, 14, "expected a key"),
        ("a = { b = 1\n}", 1, 12, "expected ',' or '}' in an inline table"),
        ("[a", 1, 3, "expected ']' to close the table header"),
        ("[[a]", 1, 5, "expected ']]' to close the table header"),
        ("[a] b = 1", 1, 5, "expected the end of the line"),
    ])
    func malformedTOMLStopsWithAPosition(_ text: String, _ line: Int, _ column: Int, _ message: String) {
        #expect(
            TOMLSyntaxCheck.problem(in: text)
                == .init(message: message, position: TextPosition(line: line, column: column)))
    }
}
