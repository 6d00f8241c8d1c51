import Foundation

/// Reads what `BinaryWriter` wrote; any inconsistency throws, and the cache is then ignored.
struct BinaryReader {
    struct Corrupt: Error {}

    private let bytes: [UInt8]
    private var offset = 0
    /// The cache's text file of a number (nil: missing), for `read(_: PageText.Type)`.
    var textFile: ((Int) -> TextSegment?)?
    /// How to read the block items a page may hold.
    var blockItems = BlockItemCoding.standard

    init(_ data: Data) { bytes = [UInt8](data) }

    init(bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }
    var remaining: Int { bytes.count - offset }

    /// The bytes `read` went over.
    mutating func span(_ read: (inout BinaryReader) throws -> Void) throws -> ArraySlice<UInt8> {
        let start = offset
        try read(&self)
        return bytes[start..<offset]
    }

    /// A count of things that follow (each at least a byte).
    mutating func count() throws -> Int {
        let count = try int()
        guard count >= 0, count <= bytes.count - offset else { throw Corrupt() }
        return count
    }

    mutating func skipString() throws {
        let count = try int()
        guard count >= 0, offset + count <= bytes.count else { throw Corrupt() }
        offset += count
    }

    mutating func seek(to position: Int) throws {
        guard position >= 0, position <= bytes.count else { throw Corrupt() }
        offset = position
    }

    @inline(__always)
    mutating func int() throws -> Int {
        let zigzag = UInt(bitPattern: try varint())
        return Int(bitPattern: zigzag >> 1) ^ -Int(bitPattern: zigzag & 1)
    }

    /// Most numbers in the cache are below 128: one byte, read inline.
    @inline(__always)
    mutating func varint() throws -> Int {
        if offset < bytes.count, bytes[offset] < 0x80 {
            offset += 1
            return Int(bytes[offset - 1])
        }
        return try longVarint()
    }

    private mutating func longVarint() throws -> Int {
        var (value, shift): (UInt64, UInt64) = (0, 0)
        while true {
            guard offset < bytes.count, shift < 64 else { throw Corrupt() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return Int(bitPattern: UInt(value)) }
            shift += 7
        }
    }

    mutating func uint64() throws -> UInt64 {
        guard offset + 8 <= bytes.count else { throw Corrupt() }
        var value: UInt64 = 0
        for shift in 0..<8 { value |= UInt64(bytes[offset + shift]) << (8 * UInt64(shift)) }
        offset += 8
        return value
    }

    mutating func bool() throws -> Bool {
        guard offset < bytes.count else { throw Corrupt() }
        defer { offset += 1 }
        return bytes[offset] != 0
    }

    mutating func string() throws -> String {
        let count = try int()
        guard count >= 0, offset + count <= bytes.count else { throw Corrupt() }
        defer { offset += count }
        // From a buffer pointer, String takes its fast, contiguous UTF-8 path.
        let start = offset
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<start + count]), as: UTF8.self) }
    }

    mutating func data() throws -> Data {
        let count = try int()
        guard count >= 0, offset + count <= bytes.count else { throw Corrupt() }
        defer { offset += count }
        return Data(bytes[offset..<offset + count])
    }

    mutating func optional<T>(_ read: (inout BinaryReader) throws -> T) throws -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func array<T>(_ read: (inout BinaryReader) throws -> T) throws -> [T] {
        let count = try int()
        guard count >= 0, count <= bytes.count - offset else { throw Corrupt() }
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }
}
