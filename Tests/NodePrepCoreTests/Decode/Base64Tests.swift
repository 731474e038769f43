import Testing

@testable import NodePrepCore

/// The base64 reading that decides whether user data, a part or a certificate is base64: Go's
/// `base64.StdEncoding` (padding required, `\r` and `\n` skipped, nothing else outside the alphabet).
@Suite struct Base64Tests {
    @Test(arguments: [
        ("aGVsbG8h", "hello!"),  // no padding needed
        ("aGVsbG8=", "hello"),  // one padding character
        ("aGk=", "hi"),
        ("aA==", "h"),  // two padding characters
        ("aGVs\r\nbG8h\n", "hello!"),  // line breaks anywhere are skipped
        ("aGVsbG8h\n", "hello!"),  // a trailing newline, as `base64` the tool writes
        ("+/+/", "\u{FB}\u{FF}\u{BF}"),  // the two non-alphanumeric characters
    ])
    func decodesValidText(encoded: String, decoded: String) {
        let expected: [UInt8] = decoded.unicodeScalars.map { UInt8($0.value) }
        #expect(Base64.decode(Array(encoded.utf8)) == expected)
    }

    @Test(arguments: [
        "aGk",  // padding missing
        "aA===",  // too much padding
        "aA==aGk=",  // data after padding
        "aGV sbG8h",  // a space is not skipped
        "aGVs\tbG8h",  // nor a tab
        "aGVsbG8-",  // URL-safe alphabet
        "aGVsbG8_",
        "====",  // padding only
        "",  // nothing at all
        "\n\r\n",  // line breaks only
        "a===",  // one sextet cannot make a byte
        "apiVersion: node.eks.aws/v1alpha1",  // YAML is not base64
    ])
    func rejectsInvalidText(encoded: String) {
        #expect(Base64.decode(Array(encoded.utf8)) == nil)
    }

    /// Go's non-strict `StdEncoding` ignores bits left over in the last group, so nodeadm decodes
    /// `aB==` (a non-canonical spelling of `aA==`) to `h`; nodeprep must read it the same way.
    @Test(arguments: [("aB==", "h"), ("aGl=", "hi"), ("aA==", "h")])
    func ignoresLeftoverBitsLikeGo(encoded: String, decoded: String) {
        #expect(Base64.decode(Array(encoded.utf8)) == Array(decoded.utf8))
    }

    @Test func roundTripsEveryByteValue() {
        let bytes = (0...255).map(UInt8.init) + (0...255).reversed().map(UInt8.init)
        for length in [1, 2, 3, 254, 511, 512] {
            let slice = Array(bytes.prefix(length))
            #expect(Base64.decode(Encoding.base64(slice)) == slice, "length \(length)")
            #expect(Base64.decode(Encoding.base64MIMELines(slice)) == slice, "wrapped, length \(length)")
        }
    }
}
