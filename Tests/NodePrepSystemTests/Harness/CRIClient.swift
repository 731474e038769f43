import Foundation

/// Calls the CRI gRPC API of a test daemon, the API the kubelet pulls through, with curl (HTTP/2
/// over the unix socket). Pulling through CRI is what proves config.toml's registry `config_path`
/// works: `ctr` takes its hosts folder from the command line and never reads that key.
struct CRIClient {
    let socket: String
    let rig: ContainerdRig

    /// A gRPC reply: `status` 0 is OK; `message` is the error text otherwise.
    struct Reply {
        let status: Int
        let message: String
        let body: [UInt8]
    }

    /// `ImageService/PullImage`; returns the image ID on success and the error text otherwise.
    func pullImage(_ reference: String) async throws -> Result<String, CRIError> {
        let imageSpec = ProtobufWire.stringField(1, reference)
        let reply = try await call(
            "runtime.v1.ImageService/PullImage", request: ProtobufWire.bytesField(1, imageSpec))
        guard reply.status == 0 else {
            return .failure(CRIError(status: reply.status, message: reply.message))
        }
        for field in try ProtobufWire.fields(of: reply.body) where field.number == 1 {
            if case .bytes(let ref) = field.value {
                return .success(String(decoding: ref, as: UTF8.self))
            }
        }
        throw HarnessError("PullImage succeeded but its reply has no image_ref")
    }

    /// The CRI plugin's effective config, from `RuntimeService/Status` with `verbose: true`: the
    /// same JSON Spegel v0.6.0 reads at startup to check `configPath` and `discardUnpackedLayers`.
    func runtimeConfig() async throws -> CRIRuntimeConfig {
        let reply = try await call(
            "runtime.v1.RuntimeService/Status", request: ProtobufWire.varintField(1, 1))
        guard reply.status == 0 else {
            throw HarnessError("CRI Status failed (gRPC status \(reply.status)): \(reply.message)")
        }
        var info: [String: String] = [:]
        for field in try ProtobufWire.fields(of: reply.body) where field.number == 2 {
            guard case .bytes(let entry) = field.value else { continue }
            var key = ""
            var value = ""
            for part in try ProtobufWire.fields(of: entry) {
                guard case .bytes(let text) = part.value else { continue }
                if part.number == 1 { key = String(decoding: text, as: UTF8.self) }
                if part.number == 2 { value = String(decoding: text, as: UTF8.self) }
            }
            info[key] = value
        }
        guard let json = info["config"] else {
            throw HarnessError("CRI Status info has no \"config\"; keys: \(info.keys.sorted())")
        }
        return try JSONDecoder().decode(CRIRuntimeConfig.self, from: Data(json.utf8))
    }

    /// One unary gRPC call: the request framed (no compression, 4-byte length), the reply's
    /// status read from the trailers that `curl -D` writes next to the headers.
    func call(_ method: String, request: [UInt8]) async throws -> Reply {
        let requestFile = rig.scratch.uniquePath("cri-request")
        let replyFile = requestFile + ".reply"
        let headersFile = requestFile + ".headers"
        // gRPC message framing: a "not compressed" flag byte, then the length as 4 bytes big-endian.
        let length = UInt32(request.count)
        let prefix: [UInt8] = [0] + [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: length >> $0) }
        try Data(prefix + request).write(to: URL(fileURLWithPath: requestFile))
        let curl = try await rig.run(
            [
                rig.tools.curl, "-sS", "--http2-prior-knowledge", "--unix-socket", socket,
                "-H", "content-type: application/grpc", "-H", "te: trailers",
                "--data-binary", "@\(requestFile)", "-o", replyFile, "-D", headersFile,
                "http://localhost/\(method)",
            ],
            limit: .seconds(30), logName: "cri-call")
        guard curl.succeeded else { throw HarnessError("CRI call \(method) failed: \(curl)") }

        let headers = (try? String(contentsOfFile: headersFile, encoding: .utf8)) ?? ""
        func header(_ name: String) -> String? {
            headers.split(whereSeparator: \.isNewline).lazy
                .compactMap { line -> String? in
                    let parts = line.split(separator: ":", maxSplits: 1)
                    guard parts.count == 2, parts[0].lowercased() == name else { return nil }
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
                .first
        }
        guard let status = header("grpc-status").flatMap(Int.init) else {
            throw HarnessError("CRI call \(method): no grpc-status in reply headers:\n\(headers)")
        }
        let message = header("grpc-message").map { $0.removingPercentEncoding ?? $0 } ?? ""
        let reply = Array((try? Data(contentsOf: URL(fileURLWithPath: replyFile))) ?? Data())
        return Reply(status: status, message: message, body: Array(reply.dropFirst(5)))
    }
}

/// A failed CRI call, as the kubelet would see it.
struct CRIError: Error, Equatable, CustomStringConvertible {
    let status: Int
    let message: String

    var description: String { "gRPC status \(status): \(message)" }
}

/// The part of the CRI plugin's effective config that a Spegel mirror depends on.
struct CRIRuntimeConfig: Decodable, Equatable {
    struct Containerd: Decodable, Equatable {
        let discardUnpackedLayers: Bool
    }

    struct Registry: Decodable, Equatable {
        let configPath: String
    }

    let containerd: Containerd
    let registry: Registry
}
