/// A parsed `Content-Type` value: `multipart/mixed; boundary="//"`.
///
/// The type is lower-cased, as nodeadm's `mime.ParseMediaType` does, so `Application/Node.EKS.AWS`
/// selects a NodeConfig part just as it does there.
struct MediaType: Equatable {
    var type: String
    var parameters: [String: String]

    var isMultipart: Bool { type.hasPrefix("multipart/") }

    enum Failure: Error, Equatable, CustomStringConvertible {
        case malformed(String)

        /// The text that goes into a diagnostic (not Swift's `malformed("…")` spelling).
        var description: String {
            switch self {
            case .malformed(let reason): return reason
            }
        }
    }

    static func parse(_ text: String) throws(Failure) -> MediaType {
        let typeText = text.prefix { $0 != ";" }
        let type = typeText.trimmingWhitespace().lowercased()
        var scanner = text.dropFirst(typeText.count)
        let pieces = type.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count == 2, pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isTokenCharacter) }) else {
            throw .malformed("\"\(text)\" is not a media type")
        }
        var parameters: [String: String] = [:]
        while scanner.first == ";" {
            scanner = scanner.dropFirst().drop { $0 == " " || $0 == "\t" }
            if scanner.isEmpty { break }
            let name = scanner.prefix { $0 != "=" && $0 != ";" }.trimmingWhitespace().lowercased()
            scanner = scanner.dropFirst(scanner.prefix { $0 != "=" && $0 != ";" }.count)
            guard scanner.first == "=", !name.isEmpty, name.allSatisfy(isTokenCharacter) else {
                throw .malformed("\"\(text)\" has a malformed parameter")
            }
            scanner = scanner.dropFirst().drop { $0 == " " || $0 == "\t" }
            let value: String
            if scanner.first == "\"" {
                guard let (quoted, rest) = quotedString(scanner) else {
                    throw .malformed("\"\(text)\" has an unterminated quoted parameter")
                }
                value = quoted
                scanner = rest
            } else {
                let token = scanner.prefix { $0 != ";" }
                value = token.trimmingWhitespace()
                scanner = scanner.dropFirst(token.count)
            }
            parameters[name] = value
            scanner = scanner.drop { $0 == " " || $0 == "\t" }
        }
        return MediaType(type: type, parameters: parameters)
    }

    private static func quotedString(_ text: Substring) -> (String, Substring)? {
        var value = ""
        var rest = text.dropFirst()
        while let character = rest.first {
            rest = rest.dropFirst()
            switch character {
            case "\"": return (value, rest)
            case "\\":
                guard let escaped = rest.first else { return nil }
                value.append(escaped)
                rest = rest.dropFirst()
            default: value.append(character)
            }
        }
        return nil
    }

    private static func isTokenCharacter(_ character: Character) -> Bool {
        guard character.isASCII, let value = character.asciiValue, value > 32, value < 127 else { return false }
        return !"()<>@,;:\\\"/[]?=".contains(character)
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs; sliced once rather than rebuilt a Character
    /// at a time through two reversals.
    func trimmingWhitespace() -> String {
        let isBlank = { (character: Character) in character == " " || character == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
