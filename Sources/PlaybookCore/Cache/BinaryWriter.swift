import Foundation

/// A small, fast binary format for the build cache: integers in 7-bit groups (zigzag for signed
/// ones), fixed little-endian digests and length-prefixed UTF-8 strings. Foundation's coders take longer to decode a cache than a rebuild takes.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []
    /// Where the texts of the page being written are (see `write(_: PageText)`).
    var textLocation: (file: Int, offset: Int, length: Int)?
    /// How to write the block items a page may hold.
    var blockItems = BlockItemCoding.standard

    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    mutating func int(_ value: Int) {
        varint((value << 1) ^ (value >> (Int.bitWidth - 1)))
    }

    /// A non-negative number in 7-bit groups (LEB128): small numbers take one byte.
    mutating func varint(_ value: Int) {
        var rest = UInt64(UInt(bitPattern: value))
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    /// Bytes another writer made, as they are.
    mutating func raw(_ values: ArraySlice<UInt8>) { bytes.append(contentsOf: values) }

    mutating func string(_ value: String) {
        var copy = value
        copy.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func data(_ value: Data) {
        int(value.count)
        bytes.append(contentsOf: value)
    }

    mutating func optional<T>(_ value: T?, _ write: (inout BinaryWriter, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    mutating func array<T>(_ values: [T], _ write: (inout BinaryWriter, T) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }
}
