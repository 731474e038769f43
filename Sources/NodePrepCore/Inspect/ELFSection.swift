/// Reads `count` bytes at `offset` of a file: exactly that many, or nil (past the end, or an error).
///
/// The readers in this folder take one instead of the whole file because the files they look at
/// are executables of tens of megabytes of which they need a few kilobytes.
public typealias FileRangeReader = (_ offset: UInt64, _ count: Int) -> [UInt8]?

/// Finds one named section of an ELF file through its section headers.
///
/// Reads the ELF header, the section header table, the section name table and the section itself,
/// nothing else. Only 64-bit little-endian files are understood (the machines nodeprep runs on);
/// anything else, and any header that points outside the file or past the size limits, is "not
/// found", never a crash.
enum ELFSection {
    static let headerSize = 64
    static let sectionHeaderSize = 64
    /// Sections without contents in the file (`.bss`).
    static let noBitsType: UInt32 = 8
    /// Generous limits: a Go binary has about 40 sections and a section name table under 1 KB.
    static let sectionCountLimit = 4096
    static let nameTableLimit = 64 * 1024

    /// The contents of the section called `name`: its first `limit` bytes when it is longer; nil
    /// when the file is not a 64-bit little-endian ELF file or has no such section.
    static func contents(named name: String, limit: Int, read: FileRangeReader) -> [UInt8]? {
        guard let table = sectionHeaders(read: read),
            let names = nameTable(table.names, read: read),
            let section = table.all.first(where: { names.name(at: $0.nameOffset) == name }),
            section.type != noBitsType
        else { return nil }
        return read(section.offset, Int(clamping: min(section.size, UInt64(limit))))
    }

    struct SectionHeader {
        var nameOffset: UInt32
        var type: UInt32
        var offset: UInt64
        var size: UInt64
    }

    /// The section header table and the header of the section name table in it.
    private static func sectionHeaders(read: FileRangeReader) -> (all: [SectionHeader], names: SectionHeader)? {
        guard let header = read(0, headerSize),
            header.starts(with: [0x7F, 0x45, 0x4C, 0x46]),  // "\x7fELF"
            header[4] == 2,  // ELFCLASS64
            header[5] == 1  // ELFDATA2LSB
        else { return nil }
        let tableOffset = header.littleEndian(UInt64.self, at: 0x28)
        let entrySize = Int(header.littleEndian(UInt16.self, at: 0x3A))
        let count = Int(header.littleEndian(UInt16.self, at: 0x3C))
        let nameTableIndex = Int(header.littleEndian(UInt16.self, at: 0x3E))
        // A count of 0 with an offset means more than 0xFF00 sections (extended numbering), which no
        // Go binary has: treated like no sections at all.
        guard tableOffset != 0, entrySize == sectionHeaderSize, (1...sectionCountLimit).contains(count),
            nameTableIndex < count,
            let table = read(tableOffset, entrySize * count)
        else { return nil }
        let headers = (0..<count).map { index in
            let start = index * entrySize
            return SectionHeader(
                nameOffset: table.littleEndian(UInt32.self, at: start),
                type: table.littleEndian(UInt32.self, at: start + 4),
                offset: table.littleEndian(UInt64.self, at: start + 24),
                size: table.littleEndian(UInt64.self, at: start + 32))
        }
        return (headers, headers[nameTableIndex])
    }

    private static func nameTable(_ header: SectionHeader, read: FileRangeReader) -> NameTable? {
        guard header.size <= UInt64(nameTableLimit), let bytes = read(header.offset, Int(header.size)) else {
            return nil
        }
        return NameTable(bytes: bytes)
    }

    /// NUL-terminated names, each found by its offset into the table.
    struct NameTable {
        var bytes: [UInt8]

        func name(at offset: UInt32) -> String? {
            let start = Int(offset)
            guard start < bytes.count, let end = bytes[start...].firstIndex(of: 0) else { return nil }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
    }
}

extension Array where Element == UInt8 {
    /// The little-endian integer at `offset`; the caller has checked the bounds.
    func littleEndian<Value: FixedWidthInteger & UnsignedInteger>(_: Value.Type, at offset: Int) -> Value {
        (0..<MemoryLayout<Value>.size).reduce(Value.zero) { value, index in
            value | Value(self[offset + index]) << (8 * index)
        }
    }
}
