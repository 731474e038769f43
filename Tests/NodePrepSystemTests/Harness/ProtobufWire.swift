/// The few pieces of the protobuf wire format the CRI calls need: varints, strings and nested
/// messages. Hand-written because the CRI requests and replies used here have two or three fields,
/// and the test machine has neither crictl nor generated CRI stubs.
enum ProtobufWire {
    /// One decoded field: a varint, or the raw bytes of a length-delimited value.
    enum Value: Equatable {
        case varint(UInt64)
        case bytes([UInt8])
    }

    static func varintField(_ number: Int, _ value: UInt64) -> [UInt8] {
        varint(UInt64(number << 3)) + varint(value)
    }

    static func bytesField(_ number: Int, _ bytes: [UInt8]) -> [UInt8] {
        varint(UInt64(number << 3 | 2)) + varint(UInt64(bytes.count)) + bytes
    }

    static func stringField(_ number: Int, _ text: String) -> [UInt8] {
        bytesField(number, Array(text.utf8))
    }

    /// Splits a message into its fields, in wire order. Fixed-width fields (wire types 1 and 5)
    /// are skipped; the CRI replies read here have none that matter.
    static func fields(of message: [UInt8]) throws -> [(number: Int, value: Value)] {
        var reader = Reader(bytes: message)
        var fields: [(number: Int, value: Value)] = []
        while !reader.atEnd {
            let key = try reader.varint()
            let number = Int(key >> 3)
            switch key & 7 {
            case 0: fields.append((number, .varint(try reader.varint())))
            case 1: try reader.skip(8)
            case 2: fields.append((number, .bytes(try reader.take(Int(try reader.varint())))))
            case 5: try reader.skip(4)
            default: throw HarnessError("protobuf: unsupported wire type \(key & 7) in field \(number)")
            }
        }
        return fields
    }

    private static func varint(_ value: UInt64) -> [UInt8] {
        var rest = value
        var bytes: [UInt8] = []
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7f) | 0x80)
            rest >>= 7
        }
        return bytes + [UInt8(rest)]
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        var atEnd: Bool { offset >= bytes.count }

        mutating func varint() throws -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let byte = try take(1)[0]
                value |= UInt64(byte & 0x7f) << shift
                if byte < 0x80 { return value }
                shift += 7
                guard shift < 64 else { throw HarnessError("protobuf: varint too long") }
            }
        }

        mutating func take(_ count: Int) throws -> [UInt8] {
            guard count >= 0, offset + count <= bytes.count else {
                throw HarnessError("protobuf: message ends inside a field")
            }
            defer { offset += count }
            return Array(bytes[offset..<offset + count])
        }

        mutating func skip(_ count: Int) throws {
            _ = try take(count)
        }
    }
}
