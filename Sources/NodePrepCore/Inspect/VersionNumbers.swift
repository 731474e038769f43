/// The first `X.Y[.Z]` in a text as programs print their versions: `1.6.20`, `v2.1.4`,
/// `containerd github.com/containerd/containerd 1.6.20~ds1 …`, `Kubernetes v1.32.0-eks-5e0fdde`.
/// Words are split at spaces, tabs and line breaks; a word may start with `v`, and what follows
/// the numbers (`~ds1`, `-eks-…`) is ignored. A missing patch number is 0.
struct VersionNumbers: Equatable {
    var major: Int
    var minor: Int
    var patch: Int

    init?(firstIn text: String) {
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) {
            let candidate = word.hasPrefix("v") ? word.dropFirst() : word[...]
            let numbers = candidate.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }.split(separator: ".").compactMap
            { Int($0) }
            if numbers.count >= 2 {
                self.init(major: numbers[0], minor: numbers[1], patch: numbers.count > 2 ? numbers[2] : 0)
                return
            }
        }
        return nil
    }

    init(major: Int, minor: Int, patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// A released module version: `v` and three numbers, perhaps with build metadata (`+dirty`),
    /// but no pre-release part (pseudo-versions such as `v2.1.5-0.20250101…` are pre-releases).
    static func isRelease(_ version: String) -> Bool {
        guard version.hasPrefix("v") else { return false }
        let core = version.dropFirst().prefix { $0 != "+" }
        let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
        return numbers.count == 3 && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
