import Glibc

/// Reads an open file to its end: the one read loop behind configuration sources and the files
/// nodeprep compares before it writes.
enum DescriptorReader {
    enum Outcome {
        case complete([UInt8])
        /// More than the limit was there; reading stopped one chunk past it.
        case tooLarge
        case failed(errno: Int32)
    }

    static func readAll(_ descriptor: Int32, limit: Int = .max, expectedSize: Int = 0) -> Outcome {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(max(expectedSize, 0), limit))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return .complete(bytes) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failed(errno: errno)
            }
            bytes += chunk[..<count]
        }
        return .tooLarge
    }
}
