import Testing

@testable import NodePrepCore

/// The byte-level check of common registry URLs must never accept what the full checks refuse,
/// nor read an accepted URL differently.
struct RegistryURLCommonFormTests {
    static let common = [
        "https://docker.io", "http://${NODE_IP}:30020", "HTTPS://Quay.IO:443", "http://10.0.0.1:5000",
        "https://r-1_x.example.com", "http://a:1", "http://a:65535",
    ]

    static let unusual = [
        "https://docker.io/", "https://docker.io/v2", "https://user@docker.io", "https://docker.io?x", "https://d#f",
        "http://a:0", "http://a:65536", "http://a:", "http://a:1:2", "http://a:123456", "http://:80", "http://",
        "https://_default", "https://_backup:80", "http://a..b", "http://.a", "http://a.", "http://[::1]:80",
        "http://${NODE_IP}x", "http://${NODE}:1", "http://x${NODE_IP}", "ftp://a", "http:/a", "http:a", "https:://a",
        "http\u{1A}//a", "htt\u{0F}://a", "http://a b", "http://é.com", "http://a\u{301}", " http://a",
        "http://" + String(repeating: "a", count: 64), "http://" + String(repeating: "a.", count: 127) + "a",
    ]

    @Test(arguments: common)
    func commonURLsTakeTheFastPathWithTheSameResult(text: String) throws {
        let fast = try #require(RegistryURL(commonForm: text))
        #expect(fast == (try RegistryURL(checkingEverything: text)))
    }

    @Test(arguments: unusual)
    func anythingElseIsLeftToTheFullChecks(text: String) throws {
        guard let fast = RegistryURL(commonForm: text) else { return }
        #expect(fast == (try RegistryURL(checkingEverything: text)), "\(text.debugDescription)")
    }

    /// Generated texts from the characters URLs are made of: whatever the fast path accepts, the
    /// full checks accept the same way.
    @Test func generatedTextsAgree() {
        let alphabet = Array("htps:/HTPS.aZ9_-@?#[]$%{}NODE_IP1 ")
        var generator = SplitMix64(seed: 0x0BAD_CAFE)
        var accepted = 0
        var disagreements: [String] = []
        for _ in 0..<20_000 {
            var text = ["http://", "https://", "HTTP://", ""][Int(generator.next() % 4)]
            for _ in 0..<Int(generator.next() % 14) {
                text.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
            }
            guard let fast = RegistryURL(commonForm: text) else { continue }
            accepted += 1
            if fast != (try? RegistryURL(checkingEverything: text)) { disagreements.append(text.debugDescription) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
        #expect(accepted > 100)
    }
}
