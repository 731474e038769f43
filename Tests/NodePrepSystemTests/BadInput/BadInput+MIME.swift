/// Broken MIME structure and broken transfer encodings.
extension BadInput {
    static let someNodeConfig = nodeConfig("  cluster:\n    name: probe\n")

    /// `levels` multipart entities, each the only part of the one around it, around a NodeConfig.
    static func nestedMultipart(levels: Int) -> String {
        (0..<levels).map { "Content-Type: multipart/mixed; boundary=b\($0)\n\n--b\($0)\n" }.joined()
            + "Content-Type: application/node.eks.aws\n\n" + someNodeConfig
    }

    /// A part written out by hand, with a Content-Transfer-Encoding.
    static func encodedPart(_ encoding: String, _ body: String) -> String {
        """
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="==B=="

        --==B==
        Content-Type: application/node.eks.aws
        Content-Transfer-Encoding: \(encoding)

        \(body)
        --==B==--

        """
    }

    static let mimeCases: [BadInput] = [
        BadInput(
            "MIME boundary that no delimiter uses",
            """
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="abc"

            --xyz
            Content-Type: application/node.eks.aws

            \(someNodeConfig)
            --xyz--

            """, expect: [": no MIME part starts with the boundary of multipart/mixed"]),
        BadInput(
            "MIME boundary parameter empty",
            "Content-Type: multipart/mixed; boundary=\"\"\n\n--\nContent-Type: application/node.eks.aws\n\n\(someNodeConfig)",
            expect: [": multipart/mixed has no boundary parameter"]),
        BadInput(
            "MIME boundary parameter missing",
            "Content-Type: multipart/mixed\n\n--//\nContent-Type: application/node.eks.aws\n\n\(someNodeConfig)--//--\n",
            expect: [": multipart/mixed has no boundary parameter"]),
        BadInput(
            "MIME delimiters longer than the boundary",
            "Content-Type: multipart/mixed; boundary=ab\n\n--abc\nContent-Type: application/node.eks.aws\n\n\(someNodeConfig)--abc--\n",
            expect: [": no MIME part starts with the boundary of multipart/mixed"]),
        BadInput(
            "MIME delimiters shorter than the boundary",
            "Content-Type: multipart/mixed; boundary=abcd\n\n--abc\nContent-Type: application/node.eks.aws\n\n\(someNodeConfig)--abc--\n",
            expect: [": no MIME part starts with the boundary of multipart/mixed"]),
        BadInput(
            "nested multipart without a boundary",
            mime([
                ("text/x-shellscript", "#!/bin/sh\ntrue"),
                ("multipart/alternative", "--x\nContent-Type: application/node.eks.aws\n\n\(someNodeConfig)"),
            ]), expect: [" part 2 (multipart/alternative): multipart/alternative has no boundary parameter"]),
        BadInput(
            "part Content-Type with a parameter without value",
            mime([
                ("application/node.eks.aws; x", someNodeConfig)
            ]),
            expect: [
                " part 1: invalid Content-Type: \"application/node.eks.aws; x\" has a malformed parameter"
            ]),
        BadInput(
            "part Content-Type with an unterminated quote",
            mime([
                ("application/node.eks.aws; charset=\"utf-8", someNodeConfig)
            ]),
            expect: [
                " part 1: invalid Content-Type: "
                    + "\"application/node.eks.aws; charset=\"utf-8\" has an unterminated quoted parameter"
            ]),
        BadInput(
            "part Content-Type folded over two hundred lines",
            mime([
                (
                    "application/node.eks.aws; charset=\"utf-8" + String(repeating: "\n  continued-word", count: 200),
                    someNodeConfig
                )
            ]),
            expect: [
                " part 1: invalid Content-Type: \"application/node.eks.aws; charset=\"utf-8 continued-word continued-word",
                "more characters)",
            ]),
        BadInput(
            "user data part Content-Type folded over two hundred lines",
            mime([
                ("text/x-shellscript", "#!/bin/sh\ntrue"),
                ("multipart/mixed; boundary=\"" + String(repeating: "\n\tb", count: 200), "--b\n"),
            ]), .userData,
            expect: [
                "user-data part 2: invalid Content-Type: \"multipart/mixed; boundary=\" b b b", "more characters)",
            ]),
        BadInput(
            "part media type of ten thousand characters",
            mime([
                ("application/" + String(repeating: "x", count: 10_000) + "; =", someNodeConfig)
            ]), expect: [" part 1: invalid Content-Type: \"application/xxxx", "more characters)"]),
        BadInput(
            "multipart nested twelve levels deep", nestedMultipart(levels: 12),
            expect: [" part 1.1.1.1.1.1.1.1.1.1 (multipart/mixed): multipart nested more than 10 levels deep; refused"]),
        BadInput(
            "1001 MIME parts", mime(Array(repeating: ("text/plain", "x"), count: 1001)),
            expect: [": more than 1000 MIME parts"]),
        BadInput(
            "NodeConfig part that is not UTF-8",
            Array(mime([("application/node.eks.aws", someNodeConfig + "# caf")]).utf8).replacingTail(
                "caf\n", with: [0x63, 0x61, 0x66, 0xE9, 0x0A]),
            expect: [" part 1 (application/node.eks.aws): content is not UTF-8 text"]),
        BadInput(
            "user data in base64 whose MIME boundary matches nothing",
            Array(
                base64(
                    Array(
                        """
                        Content-Type: multipart/mixed; boundary="//"

                        --/
                        Content-Type: application/node.eks.aws

                        \(someNodeConfig)
                        """.utf8)
                ).utf8), .userData,
            expect: ["user-data: no MIME part starts with the boundary of multipart/mixed"]),
    ]
}

extension Array where Element == UInt8 {
    /// The bytes with the last occurrence of `tail` (ASCII) replaced, for inserting bytes that no
    /// Swift string holds (invalid UTF-8).
    func replacingTail(_ tail: String, with replacement: [UInt8]) -> [UInt8] {
        let needle = Array(tail.utf8)
        guard
            let start = (0...(count - needle.count)).reversed().first(where: {
                Array(self[$0..<$0 + needle.count]) == needle
            })
        else { preconditionFailure("\(tail) not found") }
        return Array(self[..<start]) + replacement + Array(self[(start + needle.count)...])
    }
}
