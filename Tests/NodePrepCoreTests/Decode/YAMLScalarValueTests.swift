import Testing
import Yams

@testable import NodePrepCore

/// ``YAMLScalarValue`` must read booleans, integers and numbers exactly as Yams' constructors
/// (`Node.bool`, `.int`, `.float`) do: compared on the edges of every form and on generated texts.
struct YAMLScalarValueTests {
    static let edges = [
        "", "x", "0", "-0", "+0", "00", "0_1", "_", "1__2", "0x", "0x1F", "0x_1f", "-0x1F", "+0x1F", "0X1F", "0xG",
        "0b", "0b101", "-0b1", "0b2", "0o", "0o17", "0o8", "017", "-017", "08", "1_000", "+1_000", "-1_000",
        "1:30", "-1:30", "+1:30", "190:20:30", "1:5:9", "1:60", "1:7", "60:00", "1:", ":1", "1::2", "1:x",
        "1:0:0:0:0:0:0:0:0:0", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "0x7FFFFFFFFFFFFFFF", "0x8000000000000000", "-0x8000000000000000", "1e3", "1E3", "1.5", "-1.5", "1_0.5",
        ".5", "1.", "1e+5", "1e-5", ".inf", "-.Inf", "+.INF", ".iNf", "-.inf", ".nan", ".NaN", "-.nan", "nan", "inf",
        "infinity", "0x1p3", "1:30.5", "-1:30.5", "1:30.", "1_2:3_0", "true", "True", "TRUE", "tRuE", "yes", "Yes",
        "ON", "on", "off", "OFF", "no", "NO", "false", "n", "y", "1", " 1", "1 ", "１", "+", "-", "--1", "+-1",
        "0x-1", "0b+1", "1:-5", "1:+5", "1e", "e1", "1.2.3", "１:30",
    ]

    @Test(arguments: edges)
    func edgesMatchYams(text: String) {
        let yams = Node(text)
        #expect(YAMLScalarValue.bool(text) == yams.bool, "bool \(text.debugDescription)")
        #expect(YAMLScalarValue.int(text) == yams.int, "int \(text.debugDescription)")
        #expect(Self.same(YAMLScalarValue.float(text), yams.float), "float \(text.debugDescription)")
    }

    /// Short texts from the characters the forms use, with a fixed seed. At most twelve
    /// characters: Yams traps on a sexagesimal integer past 60^11, which needs more.
    @Test func generatedTextsMatchYams() {
        let alphabet = Array("0123456789_+-.:eExXbBoO aAfFinNtTyYsS")
        var generator = SplitMix64(seed: 0xC0DE)
        var mismatches: [String] = []
        for _ in 0..<30_000 {
            let text = generator.text(from: alphabet, maximumLength: 12)
            let yams = Node(text)
            if YAMLScalarValue.bool(text) != yams.bool || YAMLScalarValue.int(text) != yams.int
                || !Self.same(YAMLScalarValue.float(text), yams.float)
            {
                mismatches.append(text.debugDescription)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    /// Where Yams would trap (its sum of 60^n overflows), the value is nil: the text stays a string.
    @Test func sexagesimalIntegersThatDoNotFitAreNotIntegers() {
        let elevenZeros = String(repeating: ":0", count: 11)
        #expect(YAMLScalarValue.int("1" + elevenZeros) == nil)
        // 60^10 fits; 60^11 is only computed past the last group and must not refuse it.
        #expect(YAMLScalarValue.int("1" + String(repeating: ":0", count: 10)) == 604_661_760_000_000_000)
        #expect(YAMLScalarValue.int("9999999999999999:0:0") == nil)
        #expect(YAMLScalarValue.float("1" + elevenZeros) == 362_797_056e11)
    }

    @Test func readsTheUsualForms() {
        #expect(YAMLScalarValue.int("1:30") == 90)
        #expect(YAMLScalarValue.int("-0x1F") == -31)
        #expect(YAMLScalarValue.int("010") == 8)
        #expect(YAMLScalarValue.int("0b1_0") == 2)
        #expect(YAMLScalarValue.float("1:30.5") == 90.5)
        #expect(YAMLScalarValue.float("-.inf") == -.infinity)
        #expect(YAMLScalarValue.bool("Off") == false)
    }

    /// Equal values, NaN equal to NaN, and the sign of zero counted.
    static func same(_ left: Double?, _ right: Double?) -> Bool {
        switch (left, right) {
        case (nil, nil): return true
        case (let left?, let right?): return (left.isNaN && right.isNaN) || (left == right && left.sign == right.sign)
        default: return false
        }
    }
}
