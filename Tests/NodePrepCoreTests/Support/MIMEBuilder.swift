/// One body part for ``MIMEBuilder``: its header lines and its body bytes.
struct MIMEPart {
    var headers: [String]
    var body: [UInt8]

    init(_ contentType: String, _ body: String, headers: [String] = []) {
        self.init(contentType, bytes: Encoding.utf8(body), headers: headers)
    }

    init(_ contentType: String, bytes: [UInt8], headers: [String] = []) {
        self.headers = ["Content-Type: \(contentType)"] + headers
        self.body = bytes
    }

    static func nodeConfig(_ spec: String) -> MIMEPart {
        MIMEPart("application/node.eks.aws", Document.nodeConfig(spec))
    }

    static func mirrorConfig(_ spec: String) -> MIMEPart {
        MIMEPart("application/vnd.nodeprep+yaml", Document.mirrorConfig(spec))
    }

    static let shellScript = MIMEPart("text/x-shellscript; charset=\"us-ascii\"", "#!/bin/bash\necho hello\n")
}

/// Writes LF-only `multipart/*` messages the way Go's `mime/multipart` lays them out (the line
/// break before a delimiter belongs to the delimiter). Tests of exact client layouts (Karpenter,
/// terraform) spell their bytes out instead.
enum MIMEBuilder {
    static func message(
        boundary: String = "BOUNDARY", subtype: String = "mixed", _ parts: [MIMEPart], closed: Bool = true
    ) -> [UInt8] {
        Encoding.utf8("MIME-Version: 1.0\nContent-Type: multipart/\(subtype); boundary=\"\(boundary)\"\n\n")
            + body(boundary: boundary, parts, closed: closed)
    }

    static func body(boundary: String, _ parts: [MIMEPart], closed: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = []
        for part in parts {
            bytes += Encoding.utf8("--\(boundary)\n" + part.headers.joined(separator: "\n") + "\n\n")
            bytes += part.body
            bytes += Encoding.utf8("\n")
        }
        if closed {
            bytes += Encoding.utf8("--\(boundary)--\n")
        }
        return bytes
    }

    /// A `multipart/*` part holding further parts (nested multipart).
    static func nested(boundary: String, subtype: String = "mixed", _ parts: [MIMEPart]) -> MIMEPart {
        MIMEPart("multipart/\(subtype); boundary=\"\(boundary)\"", bytes: body(boundary: boundary, parts))
    }
}
