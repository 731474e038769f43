/// A registry or mirror URL of the one shape Spegel and containerd's `hosts.toml` use:
/// `http(s)://host[:port]`, where the host may be the `${NODE_IP}` placeholder.
///
/// A value of this type is proof that the text was checked: the host names a folder under
/// `config_path` and is written inside single-quoted TOML strings, so it must not be able to leave
/// that folder (`/`, `..`) or that string (`'`, newlines). The checks are Spegel's (scheme, empty
/// path, no query, no user) plus stricter host and port rules of our own.
struct RegistryURL: Sendable, Equatable {
    enum Host: Sendable, Equatable {
        /// A DNS name, an IPv4 address, or an IPv6 address in brackets, as written.
        case literal(String)
        /// `${NODE_IP}`: the node's address, known only when the plan is made.
        case nodeAddress
    }

    /// `http` or `https`, in lower case (as Go's `url.Parse`, which Spegel uses, normalises it).
    let scheme: String
    let host: Host
    /// The port digits, when the URL has a port.
    let port: String?

    static let nodeAddressPlaceholder = "${NODE_IP}"

    /// Folder names with a meaning of their own under `config_path`: containerd's fallback folder and
    /// the folder holding the state from before the first mirror setup.
    static let reservedHosts: Set<String> = ["_default", "_backup"]

    /// Every reason a text is not a registry URL, as complete sentences that quote the text.
    struct Invalid: Error, Equatable {
        var messages: [String]
    }

    /// Checks `text` and reports every problem at once, so a user fixes them in one round.
    init(parsing text: String) throws(Invalid) {
        if let common = RegistryURL(commonForm: text) {
            self = common
            return
        }
        try self.init(checkingEverything: text)
    }

    /// The full checks: every problem, with its message.
    init(checkingEverything text: String) throws(Invalid) {
        // Made only for a message: escaping every scalar costs more than all the checks together.
        func problem(_ what: String) -> String {
            "invalid registry url \(what): \(Self.printable(Self.redactingPassword(in: text)))"
        }

        if text.unicodeScalars.contains(where: Self.isSpaceOrControl) {
            throw Invalid(messages: [problem("must not contain spaces or control characters")])
        }
        var messages = Self.unknownPlaceholders(in: text).map {
            problem("only the \(Self.nodeAddressPlaceholder) placeholder is allowed, found \($0)")
        }

        let parts = URLParts(text)
        let schemeIsValid = parts.scheme == "http" || parts.scheme == "https"
        if !schemeIsValid {
            messages.append(problem("scheme must be http or https"))
        }
        if let authority = parts.authority {
            if !parts.path.isEmpty { messages.append(problem("path has to be empty")) }
            if parts.query != nil { messages.append(problem("query has to be empty")) }
            if parts.fragment != nil { messages.append(problem("fragment has to be empty")) }
            if authority.user != nil { messages.append(problem("user has to be empty")) }
        } else if schemeIsValid {
            messages.append(problem("host is missing"))
        }

        var host = Host.nodeAddress
        var port: String?
        if let authority = parts.authority {
            switch Self.parseHostAndPort(authority.hostAndPort) {
            case .success(let parsed): (host, port) = parsed
            case .failure(let failure): messages += failure.reasons.map(problem)
            }
        }
        guard messages.isEmpty else { throw Invalid(messages: messages) }
        self.scheme = parts.scheme
        self.host = host
        self.port = port
    }

    /// The URL as it goes into `hosts.toml`, with `${NODE_IP}` replaced by `nodeHost` (an address
    /// ready for a URL: IPv6 in brackets). Nil when the URL needs the node address and none is given.
    func text(nodeHost: String?) -> String? {
        authority(nodeHost: nodeHost).map { scheme + "://" + $0 }
    }

    /// `host[:port]`: the folder name under `config_path`, as Spegel takes it from Go's `url.Host`.
    func authority(nodeHost: String?) -> String? {
        let hostText: String
        switch host {
        case .literal(let literal): hostText = literal
        case .nodeAddress:
            guard let nodeHost else { return nil }
            hostText = nodeHost
        }
        return port.map { hostText + ":" + $0 } ?? hostText
    }

    var usesNodeAddress: Bool { host == .nodeAddress }

    // MARK: - Pieces

    private struct HostProblems: Error { var reasons: [String] }

    private static func parseHostAndPort(_ text: Substring) -> Result<(Host, String?), HostProblems> {
        var hostText = text
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                return .failure(HostProblems(reasons: ["host has an unclosed '['"]))
            }
            hostText = text[...close]
            let afterHost = text[text.index(after: close)...]
            if afterHost.hasPrefix(":") {
                portText = afterHost.dropFirst()
            } else if !afterHost.isEmpty {
                return .failure(HostProblems(reasons: ["host must be followed by nothing or a ':port'"]))
            }
        } else if let colon = text.firstIndex(of: ":") {
            hostText = text[..<colon]
            portText = text[text.index(after: colon)...]
            if portText!.contains(":") {
                return .failure(HostProblems(reasons: ["host must put an IPv6 address in brackets"]))
            }
        }
        var reasons: [String] = []
        if let problem = hostProblem(hostText) { reasons.append(problem) }
        if let portText, !isValidPort(portText) { reasons.append("port must be a number from 1 to 65535") }
        guard reasons.isEmpty else { return .failure(HostProblems(reasons: reasons)) }
        let host: Host = hostText == nodeAddressPlaceholder ? .nodeAddress : .literal(String(hostText))
        return .success((host, portText.map(String.init)))
    }

    private static func hostProblem(_ host: Substring) -> String? {
        if host == nodeAddressPlaceholder { return nil }
        if host.isEmpty { return "host is missing" }
        if host.contains(nodeAddressPlaceholder) { return "\(nodeAddressPlaceholder) must be the whole host" }
        if host.hasPrefix("[") {
            return IPAddressSyntax.isIPv6(host.dropFirst().dropLast()) ? nil : "host is not a valid IPv6 address"
        }
        if host.contains("${") { return nil }  // already reported as an unknown placeholder
        guard host.allSatisfy({ $0.isASCIILetterOrDigit || "-_.".contains($0) }) else {
            return "host may only contain letters, digits, '.', '-' and '_'"
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        if host.count > 253 || labels.contains(where: { $0.isEmpty || $0.count > 63 }) {
            return "host must be dot-separated names of 1 to 63 characters"
        }
        if reservedHosts.contains(String(host)) { return "host \(host) is a reserved folder name" }
        return nil
    }

    private static func isValidPort(_ text: Substring) -> Bool {
        guard (1...5).contains(text.count), text.allSatisfy(\.isASCIIDigit), let value = Int(text) else { return false }
        return (1...65535).contains(value)
    }

    /// White space or a control character. ASCII, nearly every URL, is decided without looking up
    /// Unicode properties: there both mean the codes up to space, and DEL.
    private static func isSpaceOrControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value <= 0x20 || scalar.value == 0x7F }
        return scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
    }

    /// Every `${...}` in `text` other than `${NODE_IP}`, and an unclosed `${` with the rest of the
    /// text: the host check leaves any host with `${` to this one, so each must be reported here.
    private static func unknownPlaceholders(in text: String) -> [Substring] {
        var found: [Substring] = []
        var rest = text[...]
        while let start = rest.firstRange(of: "${") {
            let tail = rest[start.lowerBound...]
            guard let close = tail.firstIndex(of: "}") else {
                found.append(tail)
                break
            }
            let placeholder = tail[...close]
            if placeholder != nodeAddressPlaceholder { found.append(placeholder) }
            rest = tail[tail.index(after: close)...]
        }
        return found
    }

    /// The text with the password of a `user:password@` part replaced by `xxxxx` (as Go's
    /// `URL.Redacted` does), so an error message never puts a secret into the journal.
    static func redactingPassword(in text: String) -> String {
        guard let start = text.firstRange(of: "://")?.upperBound else { return text }
        let authorityEnd = text[start...].firstIndex { "/?#".contains($0) } ?? text.endIndex
        guard let at = text[start..<authorityEnd].lastIndex(of: "@"),
            let colon = text[start..<at].firstIndex(of: ":")
        else { return text }
        return String(text[...colon]) + "xxxxx" + String(text[at...])
    }

    /// The text with control characters escaped, so an error message stays on one line.
    static func printable(_ text: String) -> String {
        MessageText.printable(text)
    }
}

/// A URL split the way Go's `url.Parse` splits it, enough to apply Spegel's rules.
private struct URLParts {
    struct Authority {
        var user: Substring?
        var hostAndPort: Substring
    }

    var scheme = ""
    var authority: Authority?
    var path: Substring = ""
    var query: Substring?
    var fragment: Substring?

    init(_ text: String) {
        var rest = text[...]
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[rest.index(after: hash)...]
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: question)...]
            rest = rest[..<question]
        }
        if let colon = rest.firstIndex(of: ":"), Self.isScheme(rest[..<colon]) {
            scheme = rest[..<colon].lowercased()
            rest = rest[rest.index(after: colon)...]
        }
        guard rest.hasPrefix("//") else {
            path = rest
            return
        }
        rest = rest.dropFirst(2)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        path = rest[slash...]
        let authorityText = rest[..<slash]
        if let at = authorityText.lastIndex(of: "@") {
            authority = Authority(
                user: authorityText[..<at], hostAndPort: authorityText[authorityText.index(after: at)...])
        } else {
            authority = Authority(user: nil, hostAndPort: authorityText)
        }
    }

    /// RFC 3986: a letter, then letters, digits, `+`, `-`, `.`.
    private static func isScheme(_ text: Substring) -> Bool {
        guard let first = text.first, first.isASCIILetterOrDigit, !first.isASCIIDigit else { return false }
        return text.allSatisfy { $0.isASCIILetterOrDigit || "+-.".contains($0) }
    }
}
