/// A minimal ELF64 little-endian file written from the ELF specification, with the sections a
/// test names: the shape a linker gives an executable's section headers (a null section first,
/// `.shstrtab` last, the header table at the end), and nothing else. Its fields are plain
/// variables so a test can break one at a time.
struct ELFImage {
    var sections: [(name: String, contents: [UInt8])]
    var elfClass: UInt8 = 2  // ELFCLASS64
    var dataEncoding: UInt8 = 1  // ELFDATA2LSB
    /// Overrides for section header fields, by section index (1 is the first named section).
    var offsetOverride: [Int: UInt64] = [:]
    var sizeOverride: [Int: UInt64] = [:]
    var typeOverride: [Int: UInt32] = [:]

    init(sections: [(name: String, contents: [UInt8])]) {
        self.sections = sections
    }

    var bytes: [UInt8] {
        var names: [UInt8] = [0]
        var nameOffsets: [UInt32] = []
        for name in sections.map(\.name) + [".shstrtab"] {
            nameOffsets.append(UInt32(names.count))
            names += Array(name.utf8) + [0]
        }
        var file = [UInt8](repeating: 0, count: 64)
        var headers = [UInt8](repeating: 0, count: 64)  // the null section
        for (index, contents) in (sections.map(\.contents) + [names]).enumerated() {
            let number = index + 1
            let isNameTable = index == sections.count
            // Type 3 is SHT_STRTAB, 1 SHT_PROGBITS.
            headers += Self.sectionHeader(
                name: nameOffsets[index], type: typeOverride[number] ?? (isNameTable ? 3 : 1),
                offset: offsetOverride[number] ?? UInt64(file.count),
                size: sizeOverride[number] ?? UInt64(contents.count))
            file += contents
        }
        let tableOffset = UInt64(file.count)
        file += headers
        file.replaceSubrange(0..<64, with: header(tableOffset: tableOffset, count: sections.count + 2))
        return file
    }

    private func header(tableOffset: UInt64, count: Int) -> [UInt8] {
        var header: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, elfClass, dataEncoding, 1, 0] + [UInt8](repeating: 0, count: 8)
        // ET_EXEC, x86-64, version 1.
        header += Self.littleEndian(UInt16(2)) + Self.littleEndian(UInt16(0x3E)) + Self.littleEndian(UInt32(1))
        header += Self.littleEndian(UInt64(0)) + Self.littleEndian(UInt64(0)) + Self.littleEndian(tableOffset)
        header += Self.littleEndian(UInt32(0)) + Self.littleEndian(UInt16(64))  // flags, header size
        header += Self.littleEndian(UInt16(56)) + Self.littleEndian(UInt16(0))  // no program headers
        header +=
            Self.littleEndian(UInt16(64)) + Self.littleEndian(UInt16(count)) + Self.littleEndian(UInt16(count - 1))
        return header
    }

    private static func sectionHeader(name: UInt32, type: UInt32, offset: UInt64, size: UInt64) -> [UInt8] {
        littleEndian(name) + littleEndian(type) + littleEndian(UInt64(0)) + littleEndian(UInt64(0))
            + littleEndian(offset) + littleEndian(size) + [UInt8](repeating: 0, count: 24)
    }

    static func littleEndian<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    /// A `.go.buildinfo` section as the Go 1.18+ linker lays it out: magic, pointer size 8, flags
    /// with the inline-strings bit, padding to 32 bytes, then two uvarint-length-prefixed strings,
    /// the module information framed by 16 bytes on each side.
    static func goBuildInfo(goVersion: String = "go1.22.5", moduleInfo: String, flags: UInt8 = 2) -> [UInt8] {
        var section = [0xFF] + Array(" Go buildinf:".utf8) + [8, flags]
        section += [UInt8](repeating: 0, count: 16)
        let frame = [UInt8](repeating: 0xA5, count: 16)
        for string in [Array(goVersion.utf8), frame + Array(moduleInfo.utf8) + frame] {
            section += uvarint(UInt64(string.count)) + string
        }
        return section
    }

    static func uvarint(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        return bytes + [UInt8(rest)]
    }

    /// An executable whose only section of note is `.go.buildinfo` holding `moduleInfo`.
    static func goExecutable(moduleInfo: String) -> ELFImage {
        ELFImage(sections: [(".text", [0xC3]), (".go.buildinfo", goBuildInfo(moduleInfo: moduleInfo))])
    }
}
