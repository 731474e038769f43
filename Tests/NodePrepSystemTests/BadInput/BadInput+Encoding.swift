/// base64, gzip and size limits, in parts, in files and in user data.
extension BadInput {
    /// 2 MiB of comment lines: a few KB once gzipped, twice the limit once expanded.
    static let gzipBomb = GzipWriter.compress(Array(("#" + String(repeating: " ", count: 1023) + "\n").utf8) * 2048)

    /// A gzip header followed by bytes no deflate stream starts with.
    static let corruptGzip: [UInt8] =
        [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03] + Array(repeating: 0xFF, count: 32)

    static let truncatedGzip = Array(GzipWriter.compress(Array(someNodeConfig.utf8)).dropLast(20))

    static let encodingCases: [BadInput] = [
        BadInput(
            "base64 part with characters outside the alphabet", encodedPart("base64", "YXBpVmVyc2lvbjo!!"),
            expect: [" part 1 (application/node.eks.aws): body is not valid base64 (Content-Transfer-Encoding: base64)"]
        ),
        BadInput(
            "base64 part with misplaced padding", encodedPart("base64", "QUJD=QUJD"),
            expect: [" part 1 (application/node.eks.aws): body is not valid base64 (Content-Transfer-Encoding: base64)"]
        ),
        BadInput(
            "base64 part with a truncated group", encodedPart("base64", "QUJDRA"),
            expect: [" part 1 (application/node.eks.aws): body is not valid base64 (Content-Transfer-Encoding: base64)"]
        ),
        BadInput(
            "base64 part holding corrupt gzip", encodedPart("base64", base64(corruptGzip)),
            expect: [" part 1 (application/node.eks.aws): gzip data is corrupt: "]),
        BadInput(
            "base64 part holding truncated gzip", encodedPart("base64", base64(truncatedGzip)),
            expect: [" part 1 (application/node.eks.aws): gzip data is corrupt: "]),
        BadInput(
            "base64 part holding a gzip bomb", encodedPart("base64", base64(gzipBomb)),
            expect: [" part 1 (application/node.eks.aws): gzip data expands to more than 1048576 bytes; refused"]),
        BadInput(
            "quoted-printable part decoding to invalid UTF-8",
            encodedPart("quoted-printable", someNodeConfig + "# caf=E9=\n"),
            expect: [" part 1 (application/node.eks.aws): content is not UTF-8 text"]),
        BadInput(
            "file that is a gzip bomb", gzipBomb,
            expect: [": gzip data expands to more than 1048576 bytes; refused"]),
        BadInput("file that is corrupt gzip", corruptGzip, expect: [": gzip data is corrupt: "]),
        BadInput(
            "file that is not UTF-8", Array(someNodeConfig.utf8) + [0x23, 0xC3, 0x28, 0x0A],
            expect: [": content is not UTF-8 text"]),
        BadInput(
            "file over 1 MiB", Array(someNodeConfig.utf8) + Array(repeating: UInt8(ascii: "\n"), count: 1_100_000),
            exit: 69, expect: ["is larger than 1048576 bytes"]),
        BadInput(
            "user data that is a gzip bomb in base64", Array(base64(gzipBomb).utf8), .userData,
            expect: ["user-data: gzip data expands to more than 1048576 bytes; refused"]),
        BadInput(
            "user data that is corrupt gzip", corruptGzip, .userData,
            expect: ["user-data: gzip data is corrupt: "]),
        // The IMDS client stops reading at 1 MiB, before the decoder would see it.
        BadInput(
            "user data over 1 MiB", Array(someNodeConfig.utf8) + Array(repeating: UInt8(ascii: " "), count: 1_100_000),
            .userData, exit: 69, expect: ["IMDS /latest/user-data: answer larger than 1048576 bytes"]),
    ]
}

extension Array {
    static func * (items: [Element], times: Int) -> [Element] {
        Array((0..<times).map { _ in items }.joined())
    }
}
