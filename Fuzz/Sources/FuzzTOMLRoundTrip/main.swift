import LibFuzzerDriver
import NodePrepCore

/// TOML text: parsing must not crash, and whatever parses must render to TOML that parses back
/// to the same value and renders the same again (nodeprep re-renders the user's and the node's
/// TOML into config.toml).
runLibFuzzer { data, size in
    guard let text = String(validating: inputBytes(data, size), as: UTF8.self),
        let value = try? TOMLParser.parse(text)
    else { return 0 }
    let rendered = value.renderedDocument()
    let reparsed: TOMLValue
    do {
        reparsed = try TOMLParser.parse(rendered)
    } catch {
        preconditionFailure("rendered TOML does not parse: \(error)\n--- input\n\(text)\n--- rendered\n\(rendered)")
    }
    precondition(
        equivalent(value, reparsed), "round trip changed the value\n--- input\n\(text)\n--- rendered\n\(rendered)")
    precondition(reparsed.renderedDocument() == rendered, "rendering is not stable\n--- rendered\n\(rendered)")
    return 0
}

/// Equality, except that NaN equals NaN (TOML has `nan`; Double's == says NaN != NaN).
func equivalent(_ a: TOMLValue, _ b: TOMLValue) -> Bool {
    switch (a, b) {
    case (.float(let x), .float(let y)):
        return x == y || (x.isNaN && y.isNaN)
    case (.array(let xs), .array(let ys)):
        return xs.count == ys.count && zip(xs, ys).allSatisfy(equivalent)
    case (.table(let xs), .table(let ys)):
        return xs.count == ys.count && xs.allSatisfy { key, value in ys[key].map { equivalent(value, $0) } ?? false }
    default:
        return a == b
    }
}
