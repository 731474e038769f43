/// Decodes the bytes of one source into configuration documents, the way nodeadm reads user data:
/// the whole payload may be base64, then gzip; if it is MIME multipart, the parts typed
/// `application/node.eks.aws` (NodeConfig) and `application/vnd.nodeprep+yaml` (MirrorConfig) are read
/// in document order, each again possibly base64 and gzip; other parts are skipped.
///
/// Decoding never throws: every problem is a ``Diagnostic`` naming the source, part and line, and
/// decoding goes on so all problems are reported in one run.
public struct UserDataDecoder: Sendable {
    /// How the bytes reached nodeprep, which decides how forgiving decoding is.
    public enum SourceKind: Sendable {
        /// EC2 user data: may be a shell script or cloud-config meant for someone else. Outside MIME,
        /// it is read only when it looks like one of our documents.
        case userData
        /// A file named by the administrator: it must hold our documents.
        case file
    }

    /// The most bytes any decoded payload or part may have, after decompression.
    public var sizeLimit: Int

    /// How many levels multipart bodies may nest. Real user data nests one level at most; the limit
    /// turns crafted deep nesting (a few KiB of gzip) into an error instead of a stack overflow.
    public static let maximumNesting = 10
    /// Real user data has a handful of parts; the limit keeps hostile MIME from costing a log line
    /// and a scan per part by the thousand.
    static let maximumMIMEParts = 1000
    /// One broken document can yield a problem per line; the first ones are enough to fix it.
    static let maximumDiagnostics = 100

    public init(sizeLimit: Int = 1 << 20) {
        self.sizeLimit = sizeLimit
    }

    public struct Result: Sendable {
        public var documents: [ConfigDocument] = []
        public var diagnostics: [Diagnostic] = []
        /// What was skipped and why, for the log (`part 1 (text/x-shellscript) is not for nodeprep`).
        public var skipped: [String] = []
        var partCount = 0
    }

    public func decode(_ bytes: [UInt8], source: String, kind: SourceKind) -> Result {
        var result = Result()
        let origin = Origin(source: source)
        guard bytes.contains(where: { !Self.isWhitespace($0) }) else {
            result.skipped.append("\(source) is empty")
            return result
        }
        if kind == .file, Base64.looksEncoded(bytes) {
            return decodeEncodedUserData(bytes, origin: origin)
        }
        guard let payload = unwrap(bytes, tryBase64: kind == .userData, origin: origin, into: &result) else {
            return result
        }
        let message = MIMEEntity.parse(payload[...])
        if let contentType = message.header("Content-Type") {
            // A MIME message whose type cannot be read is refused, not taken for text: read as text it
            // would be skipped as someone else's user data, and its NodeConfig parts silently lost.
            let mediaType: MediaType
            do {
                mediaType = try MediaType.parse(contentType)
            } catch {
                result.diagnostics.append(.error("invalid Content-Type: \(error)", at: origin))
                return result
            }
            if mediaType.isMultipart {
                decodeMultipart(message.body, mediaType: mediaType, number: "", origin: origin, into: &result)
            } else {
                decodeText(payload, origin: origin, lenient: kind == .userData, into: &result)
            }
        } else {
            decodeText(payload, origin: origin, lenient: kind == .userData, into: &result)
        }
        if result.documents.isEmpty && !result.diagnostics.containsErrors && kind == .userData {
            result.skipped.append("\(source) has no part for nodeprep")
        }
        if result.diagnostics.count > Self.maximumDiagnostics {
            let hidden = result.diagnostics.count - Self.maximumDiagnostics
            result.diagnostics.removeLast(hidden)
            result.diagnostics.append(.error("\(hidden) more problems not shown", at: origin))
        }
        return result
    }

    /// A file holding what one gives EC2: base64 of the user data (a launch template's `UserData`,
    /// `aws ec2 describe-instance-attribute --attribute userData`). The base64 layer is EC2's own,
    /// which IMDS has already removed, so the decoded bytes are read exactly like IMDS user data
    /// (which may itself be base64, gzip or MIME). The file was named for nodeprep, so holding no
    /// part for nodeprep is an error here.
    private func decodeEncodedUserData(_ bytes: [UInt8], origin: Origin) -> Result {
        var result = Result()
        guard let decoded = Base64.decode(bytes.filter { !Self.isWhitespace($0) }) else {
            let reason = Base64.problem(in: bytes.filter { !Self.isWhitespace($0) }) ?? "it is not valid base64"
            result.diagnostics.append(
                .error("looks like base64 (EC2 user data) but does not decode: \(reason)", at: origin))
            return result
        }
        result = decode(decoded, source: origin.source, kind: .userData)
        if result.documents.isEmpty && !result.diagnostics.containsErrors {
            result.diagnostics.append(
                .error(
                    "holds base64 user data with nothing for nodeprep (no NodeConfig or MirrorConfig document, "
                        + "no MIME part of type \(ConfigKind.nodeConfigMediaType) or "
                        + "\(ConfigKind.mirrorConfigMediaType))",
                    at: origin))
        }
        return result
    }

    private func decodeMultipart(
        _ body: ArraySlice<UInt8>, mediaType: MediaType, number: String, origin: Origin, into result: inout Result
    ) {
        let parts: [ArraySlice<UInt8>]
        do {
            parts = try MultipartBody.parts(of: body, boundary: mediaType.parameters["boundary"] ?? "")
        } catch .noBoundary {
            result.diagnostics.append(.error("\(mediaType.type) has no boundary parameter", at: origin))
            return
        } catch {
            result.diagnostics.append(.error("no MIME part starts with the boundary of \(mediaType.type)", at: origin))
            return
        }
        let countBefore = result.partCount
        result.partCount += parts.count
        guard result.partCount <= Self.maximumMIMEParts else {
            if countBefore <= Self.maximumMIMEParts {
                result.diagnostics.append(.error("more than \(Self.maximumMIMEParts) MIME parts", at: origin))
            }
            return
        }
        for (index, bytes) in parts.enumerated() {
            let partNumber = number.isEmpty ? "\(index + 1)" : "\(number).\(index + 1)"
            decodePart(MIMEEntity.parse(bytes), number: partNumber, origin: origin, into: &result)
        }
    }

    private func decodePart(_ part: MIMEEntity, number: String, origin: Origin, into result: inout Result) {
        let contentType = part.header("Content-Type") ?? "text/plain"
        let mediaType: MediaType
        do {
            mediaType = try MediaType.parse(contentType)
        } catch {
            let partOrigin = Origin(source: origin.source, part: .init(number: number, mediaType: nil))
            result.diagnostics.append(.error("invalid Content-Type: \(error)", at: partOrigin))
            return
        }
        var partOrigin = origin
        partOrigin.part = .init(number: number, mediaType: mediaType.type)
        if mediaType.isMultipart {
            guard number.split(separator: ".").count < Self.maximumNesting else {
                result.diagnostics.append(
                    .error("multipart nested more than \(Self.maximumNesting) levels deep; refused", at: partOrigin))
                return
            }
            // Problems of the nested multipart itself name this part; its parts name their own.
            decodeMultipart(part.body, mediaType: mediaType, number: number, origin: partOrigin, into: &result)
            return
        }
        guard mediaType.type == ConfigKind.nodeConfigMediaType || mediaType.type == ConfigKind.mirrorConfigMediaType
        else {
            result.skipped.append("\(partOrigin) is not for nodeprep")
            return
        }
        guard let body = transferDecoded(part, origin: partOrigin, into: &result),
            let payload = unwrap(body, tryBase64: true, origin: partOrigin, into: &result)
        else { return }
        if Base64.looksEncoded(payload), let reason = Base64.problem(in: payload.filter { !Self.isWhitespace($0) }) {
            result.diagnostics.append(.error("looks like base64 but does not decode: \(reason)", at: partOrigin))
            return
        }
        decodeText(payload, origin: partOrigin, lenient: false, into: &result)
    }

    /// The part body after its Content-Transfer-Encoding (Karpenter drops the header; then the body
    /// is taken as it is and the base64 heuristic still applies).
    private func transferDecoded(_ part: MIMEEntity, origin: Origin, into result: inout Result) -> [UInt8]? {
        switch part.header("Content-Transfer-Encoding")?.trimmingWhitespace().lowercased() {
        case "base64":
            let compact = part.body.filter { !Self.isWhitespace($0) }
            guard let decoded = Base64.decode(compact) else {
                result.diagnostics.append(
                    .error("body is not valid base64 (Content-Transfer-Encoding: base64)", at: origin))
                return nil
            }
            return decoded
        case "quoted-printable":
            return QuotedPrintable.decode(part.body)
        default:
            return Array(part.body)
        }
    }

    /// Undoes the optional base64 and gzip layers and enforces the size limit.
    private func unwrap(_ bytes: [UInt8], tryBase64: Bool, origin: Origin, into result: inout Result) -> [UInt8]? {
        var payload = bytes
        if tryBase64, let decoded = Base64.decode(payload) {
            payload = decoded
        }
        if Gzip.isCompressed(payload) {
            do {
                payload = try Gzip.decompress(payload, limit: sizeLimit)
            } catch .tooLarge(let limit) {
                result.diagnostics.append(.error("gzip data expands to more than \(limit) bytes; refused", at: origin))
                return nil
            } catch {
                result.diagnostics.append(.error("gzip data is corrupt: \(error)", at: origin))
                return nil
            }
        }
        guard payload.count <= sizeLimit else {
            result.diagnostics.append(
                .error("\(payload.count) bytes is more than the limit of \(sizeLimit)", at: origin))
            return nil
        }
        return payload
    }

    private func decodeText(_ bytes: [UInt8], origin: Origin, lenient: Bool, into result: inout Result) {
        // A UTF-8 byte-order mark (Windows editors write one) is not text; the YAML parser, told the
        // encoding, would read it as the start of the first key.
        let hasByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        guard let text = String(validating: bytes.dropFirst(hasByteOrderMark ? 3 : 0), as: UTF8.self) else {
            if lenient {
                result.skipped.append("\(origin) is not text")
            } else {
                result.diagnostics.append(.error("content is not UTF-8 text", at: origin))
            }
            return
        }
        if lenient && !Self.looksLikeOurs(text) {
            result.skipped.append("\(origin) is not a NodeConfig or MirrorConfig document")
            return
        }
        let decoded = DocumentDecoder.decode(text, origin: origin)
        result.documents += decoded.documents
        result.diagnostics += decoded.diagnostics
    }

    /// Plain user data is often a shell script or cloud-config; it is ours only if it names one of
    /// our API groups. Then it is read strictly, so a broken NodeConfig is not mistaken for a script.
    static func looksLikeOurs(_ text: String) -> Bool {
        !text.hasPrefix("#!") && (text.contains("node.eks.aws/") || text.contains("nodeprep.dev/"))
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
