import LibFuzzerDriver
import NodePrepCore

/// Arbitrary bytes as user data and as a file: decoding (base64, gzip, MIME, YAML) must end with
/// documents or diagnostics, never a crash, a hang or unbounded memory, and every diagnostic is
/// one bounded line. The first byte picks the source kind, so one corpus covers both.
runLibFuzzer { data, size in
    let bytes = inputBytes(data, size)
    guard let selector = bytes.first else { return 0 }
    let kind: UserDataDecoder.SourceKind = selector & 1 == 0 ? .userData : .file
    let result = UserDataDecoder().decode(Array(bytes.dropFirst()), source: "fuzz", kind: kind)
    for diagnostic in result.diagnostics {
        precondition(
            diagnostic.message.count <= 600 && !diagnostic.message.unicodeScalars.contains("\n"),
            "unbounded diagnostic: \(diagnostic)")
    }
    return 0
}
