import Testing
import Yams

@testable import NodePrepCore

/// ``PlainScalarTag`` must type every text exactly as Yams' default (regex-based) resolver does:
/// here it is compared with that resolver on every edge of its seven patterns and on thousands of
/// generated texts.
struct PlainScalarTagTests {
    static func yamsTag(_ text: String) -> Yams.Tag.Name {
        Resolver.default.resolveTag(of: Node(text))
    }

    static let edges = [
        "", "~", "null", "Null", "NULL", "nULL", "yes", "Yes", "YES", "yEs", "no", "on", "OFF", "true", "True", "tRUE",
        "y", "n", "0", "-0", "+0", "00", "07", "08", "09", "0_", "0o", "0o7", "0o8", "0b", "0b1", "0b2", "0x", "0x_",
        "0xfF", "0xG", "-0x1", "1", "12", "1_000", "_1", "1_", "+", "-", "1:30", "1:7", "1:60", "1:5:9", "1:59:3",
        "1:555", "1:55:", "190:20:30", "1:30.5", "-1:30.", "1:60.0", "1.", "1.e5", "1e", "1e5", "1E+5", "1e-5",
        "1.5e", ".", ".5", "._1", ".5e5", ".5e+5", "-.5", "+.inf", "-.Inf", ".INF", ".iNf", ".nan", "-.nan", ".NaN",
        "<<", "<", "=", "==", "2001-12-14", "2001-12-1", "2001-1-1", "2001-12-14t21:59:43.10-05:00",
        "2001-12-14 21:59:43.10 -5", "2001-12-15T02:59:43.1Z", "2001-12-15 2:59:43.10", "2001-12-14 21:59:43.10 ",
        "2001-12-14T21:59:43+5:0", "2001-12-14T21:59:43+051", "2001-12-14\t\t21:59:43", "2002-12-14T21:59", "１２",
        "true\n", "1\r\n", "null\u{85}", "yes\u{2028}", "1\n\n", "\n", "x\u{0B}", "3.14\u{0C}", "1 ", " 1",
    ]

    @Test(arguments: edges)
    func edgeCasesMatchYams(text: String) {
        #expect(PlainScalarTag.of(text).rawValue == Self.yamsTag(text).rawValue, "\(text.debugDescription)")
    }

    /// Short texts drawn from the characters the patterns care about, with a fixed seed.
    @Test func generatedTextsMatchYams() {
        let alphabet = Array("0123456789_+-.:eExXbBoO aAfFtTzZ\t<=~nulifNI")
        var generator = SplitMix64(seed: 0x5EED)
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let text = generator.text(from: alphabet, maximumLength: 11)
            if PlainScalarTag.of(text).rawValue != Self.yamsTag(text).rawValue {
                mismatches.append(text.debugDescription)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    /// Dates and times: the timestamp pattern's alphabet only, so most texts come close.
    @Test func generatedTimestampsMatchYams() {
        let alphabet = Array("0123456789-:. TtZ+")
        var generator = SplitMix64(seed: 0xDA7E)
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let text = "2001-" + generator.text(from: alphabet, maximumLength: 17)
            if PlainScalarTag.of(text).rawValue != Self.yamsTag(text).rawValue {
                mismatches.append(text.debugDescription)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }
}

/// A small, seedable generator so the generated cases are the same on every run.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A text of 0 to `maximumLength` characters drawn from `alphabet`.
    mutating func text(from alphabet: [Character], maximumLength: Int) -> String {
        let length = Int(next() % UInt64(maximumLength + 1))
        return String((0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
    }
}
