/// Reads a `hosts.toml` the way containerd's registry host parser does, and says why containerd
/// would skip it. containerd logs such a file's error once per pull and goes to the registry
/// itself, so a file with one bad line silently turns the mirror off.
///
/// What containerd refuses (1.6 through 2.x): TOML it cannot parse (a host table defined twice
/// included), a capability other than `pull`, `resolve` and `push`, and values of the wrong type
/// for `server`, `capabilities`, `skip_verify`, `override_path`, `ca`, `client`, `header` and
/// (2.0.7+) `dial_timeout`. Hosts not declared by a `[host."…"]` header are ignored by 2.x.
public struct HostsFileCheck: Sendable, Equatable {
    /// Each host declared by a `[host."…"]` header, in file order (the order containerd tries them).
    public var hosts: [String]
    /// Why containerd would refuse the file; empty when it reads it.
    public var problems: [String]

    static let knownCapabilities: Set<String> = ["pull", "resolve", "push"]

    public init(text: String) {
        hosts = []
        problems = []
        let document: TOMLValue
        do {
            document = try TOMLParser.parse(text)
        } catch {
            // The usual cause, named plainly: a host appended twice (Spegel's prependExisting).
            var seen: Set<String> = []
            let twice = HostTableHeaderScanner.hostNames(in: text).filter { !seen.insert($0).inserted }
            problems.append(twice.first.map { "defines [host.'\($0)'] twice" } ?? "not valid TOML (\(error))")
            return
        }
        if let server = document[["server"]], !Self.isString(server) {
            problems.append("server is not a string")
        }
        problems += Self.problems(in: document.table ?? [:], at: "")
        let declared = HostTableHeaderScanner.hostNames(in: text)
        hosts = declared
        guard let hostTables = document[["host"]]?.table else {
            problems.append("declares no [host.'…'] table: it names no mirror, and containerd 1.x refuses it")
            return
        }
        for (name, value) in hostTables.sorted(by: { $0.key < $1.key }) {
            guard let table = value.table else {
                problems.append("host.\(name) is not a table")
                continue
            }
            problems += Self.problems(in: table, at: "host.'\(name)'.")
            if !declared.contains(name) {
                problems.append(
                    "host '\(name)' is not declared by a [host.'\(name)'] header; containerd 2.x ignores it")
            }
        }
    }

    private static func problems(in table: [String: TOMLValue], at prefix: String) -> [String] {
        var problems: [String] = []
        if let capabilities = table["capabilities"] {
            if case .array(let items) = capabilities, items.allSatisfy(isString) {
                for case .string(let name) in items where !knownCapabilities.contains(name) {
                    problems.append(
                        "\(prefix)capabilities has unknown capability '\(name)' (known: pull, resolve, push)")
                }
            } else {
                problems.append("\(prefix)capabilities is not an array of strings")
            }
        }
        for key in ["skip_verify", "override_path"] {
            if let value = table[key], !isBool(value) {
                problems.append("\(prefix)\(key) is not a boolean")
            }
        }
        if let timeout = table["dial_timeout"], !isDuration(timeout) {
            problems.append("\(prefix)dial_timeout is not a duration like '200ms'")
        }
        if let ca = table["ca"], !isStringOrStrings(ca) {
            problems.append("\(prefix)ca is not a string or an array of strings")
        }
        if let client = table["client"], !isClient(client) {
            problems.append("\(prefix)client is not a path, an array of paths or of [certificate, key] pairs")
        }
        if let header = table["header"] {
            let values = header.table?.values.map { $0 } ?? []
            if header.table == nil || !values.allSatisfy(isStringOrStrings) {
                problems.append("\(prefix)header values are not strings or arrays of strings")
            }
        }
        return problems
    }

    private static func isBool(_ value: TOMLValue) -> Bool {
        if case .bool = value { return true }
        return false
    }

    private static func isString(_ value: TOMLValue) -> Bool {
        if case .string = value { return true }
        return false
    }

    private static func isStringOrStrings(_ value: TOMLValue) -> Bool {
        if case .array(let items) = value { return items.allSatisfy(isString) }
        return isString(value)
    }

    private static func isClient(_ value: TOMLValue) -> Bool {
        guard case .array(let items) = value else { return isString(value) }
        return items.allSatisfy { item in
            if case .array(let pair) = item { return pair.count <= 2 && pair.allSatisfy(isString) }
            return isString(item)
        }
    }

    /// Go's `time.ParseDuration`: one or more decimal numbers each with a unit.
    private static func isDuration(_ value: TOMLValue) -> Bool {
        guard case .string(let text) = value, !text.isEmpty else { return false }
        var rest = Substring(text)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        if rest == "0" { return true }
        let units = ["ns", "us", "µs", "μs", "ms", "s", "m", "h"]
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != "." else { return false }
            rest = rest.dropFirst(number.count)
            guard let unit = units.filter({ rest.hasPrefix($0) }).max(by: { $0.count < $1.count }) else { return false }
            rest = rest.dropFirst(unit.count)
        }
        return true
    }
}
