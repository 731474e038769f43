import Foundation

/// A running `Support/imds_server.py`: a real IMDSv2 HTTP server on 127.0.0.1.
///
/// The server prints its port first, so the port is known even when it is still refusing
/// connections. Stopping closes its stdin, which makes it exit; it would also exit on its own
/// after its maximum lifetime, so a crashed test run leaves nothing running.
final class IMDSTestServer {
    let port: Int
    private let folder: TemporaryFolder
    private let process = Process()
    private let input = Pipe()

    /// - Parameters:
    ///   - userData: bytes for /latest/user-data; nil makes the server answer 404 there.
    ///   - options: further `imds_server.py` flags (fault modes, served values).
    init(userData: [UInt8]? = nil, options: [String] = []) throws {
        folder = try TemporaryFolder()
        var arguments = [try Self.scriptPath(), "--request-log", folder.path("requests.log"), "--max-lifetime", "120"]
        if let userData {
            arguments += ["--user-data-file", try folder.write("user-data", userData)]
        }
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments + options
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        guard let port = Self.readFirstLine(output.fileHandleForReading).flatMap(Int.init) else {
            process.terminate()
            throw ServerError.noPort
        }
        self.port = port
    }

    deinit {
        stop()
    }

    /// The environment that points IMDS clients at this server.
    var environment: [String: String] {
        ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:\(port)"]
    }

    /// One "METHOD PATH STATUS" line per request the server answered, in order.
    func requestLog() throws -> [String] {
        let path = folder.path("requests.log")
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        // SIGKILL: test threads block SIGTERM, and a child started from one inherits that mask.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    enum ServerError: Error {
        case scriptMissing
        case noPort
    }

    private static func scriptPath() throws -> String {
        guard let url = Bundle.module.url(forResource: "imds_server", withExtension: "py", subdirectory: "Support")
        else { throw ServerError.scriptMissing }
        return url.path
    }

    private static func readFirstLine(_ handle: FileHandle) -> String? {
        var bytes: [UInt8] = []
        while let chunk = try? handle.read(upToCount: 1), let byte = chunk.first {
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return nil
    }
}
