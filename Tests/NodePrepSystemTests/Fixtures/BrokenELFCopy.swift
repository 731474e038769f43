import Foundation
import Testing

/// Copies of a real Go executable with one part of its ELF structure cut off or pointed elsewhere.
/// The places come from the ELF specification (header fields at fixed offsets) and from the build
/// information's magic found in the bytes, not from nodeprep's reader.
enum BrokenELFCopy: String, CaseIterable, CustomTestStringConvertible {
    case notELF, headerOnly, cutInsideSectionTable, cutInsideBuildInfo
    case sectionTableOutsideFile, sectionOutsideFile, nameTableIndexOutOfRange

    var testDescription: String { rawValue }

    static let sectionTableOffsetField = 0x28
    static let sectionCountField = 0x3C
    static let nameTableIndexField = 0x3E
    static let sectionHeaderSize = 64
    static let sectionOffsetField = 24
    static let buildInfoMagic: [UInt8] = [0xFF] + Array(" Go buildinf:".utf8)

    func bytes(of path: String) throws -> [UInt8] {
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let tableOffset = Int(Self.value(UInt64.self, in: bytes, at: Self.sectionTableOffsetField))
        let count = Int(Self.value(UInt16.self, in: bytes, at: Self.sectionCountField))
        let buildInfo = try #require(Self.buildInfoOffset(in: bytes), "\(path) has no build information to break")
        switch self {
        case .notELF:
            bytes.replaceSubrange(0..<4, with: Array("#!/b".utf8))
        case .headerOnly:
            return Array(bytes.prefix(64))
        case .cutInsideSectionTable:
            return Array(bytes.prefix(tableOffset + Self.sectionHeaderSize * count / 2))
        case .cutInsideBuildInfo:
            return Array(bytes.prefix(buildInfo + 40))
        case .sectionTableOutsideFile:
            Self.set(UInt64(bytes.count + 4096), in: &bytes, at: Self.sectionTableOffsetField)
        case .sectionOutsideFile:
            let entries = (0..<count).map { tableOffset + $0 * Self.sectionHeaderSize + Self.sectionOffsetField }
            let entry = try #require(entries.first { Self.value(UInt64.self, in: bytes, at: $0) == UInt64(buildInfo) })
            Self.set(UInt64(bytes.count + (1 << 20)), in: &bytes, at: entry)
        case .nameTableIndexOutOfRange:
            Self.set(UInt16(count), in: &bytes, at: Self.nameTableIndexField)
        }
        return bytes
    }

    /// Where the `.go.buildinfo` section starts: its magic, which the linker aligns to 16 bytes.
    static func buildInfoOffset(in bytes: [UInt8]) -> Int? {
        stride(from: 0, to: bytes.count - buildInfoMagic.count, by: 16).first {
            bytes[$0..<$0 + buildInfoMagic.count].elementsEqual(buildInfoMagic)
        }
    }

    static func value<Value: FixedWidthInteger>(_: Value.Type, in bytes: [UInt8], at offset: Int) -> Value {
        bytes[offset..<offset + MemoryLayout<Value>.size].reversed().reduce(Value.zero) { $0 << 8 | Value($1) }
    }

    static func set<Value: FixedWidthInteger>(_ value: Value, in bytes: inout [UInt8], at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<offset + $0.count, with: $0) }
    }
}
