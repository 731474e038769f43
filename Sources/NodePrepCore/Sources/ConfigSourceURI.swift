/// A configuration source named by `--config-source`, in nodeadm's URI forms.
public enum ConfigSourceURI: Sendable, Hashable, CustomStringConvertible {
    /// `file://PATH`: a file (which may itself be MIME) or a folder of `.yaml`, `.yml`, `.json` files.
    /// As in nodeadm, `file://dir/x.yaml` is the relative path `dir/x.yaml`.
    case file(path: String)
    /// `imds://user-data`: the instance's EC2 user data.
    case imdsUserData

    /// The folder baked into machine images; missing or empty is fine.
    public static let imageConfigFolder = "/etc/nodeprep/config.d/"

    /// Used when no `--config-source` is given: the image's folder first, then user data (later wins).
    public static let defaultChain: [ConfigSourceURI] = [.file(path: imageConfigFolder), .imdsUserData]

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public init(parsing text: String) throws(ParseError) {
        if text.hasPrefix("file://") {
            let path = String(text.dropFirst("file://".count))
            guard !path.isEmpty else { throw ParseError(description: "\(text): a file source needs a path") }
            self = .file(path: path)
        } else if text == "imds://user-data" {
            self = .imdsUserData
        } else {
            throw ParseError(description: "\(text): unsupported config source (use file://PATH or imds://user-data)")
        }
    }

    /// One `--config-source` value, which may list several sources separated by commas
    /// (`file://a.yaml,imds://user-data`), as nodeadm's flag accepts them; in the order given.
    /// A path that contains a comma cannot be named, as in nodeadm.
    public static func list(parsing text: String) throws(ParseError) -> [ConfigSourceURI] {
        var sources: [ConfigSourceURI] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else {
                throw ParseError(description: "\(text): an empty source in a comma-separated list")
            }
            sources.append(try ConfigSourceURI(parsing: String(item)))
        }
        return sources
    }

    public var description: String {
        switch self {
        case .file(let path): return "file://" + path
        case .imdsUserData: return "imds://user-data"
        }
    }
}
