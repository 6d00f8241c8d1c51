import Foundation

/// A 64-bit digest, stable across runs (Swift's `Hasher` is seeded per process): eight bytes at a
/// step, each step mixed (a multiply–xorshift finaliser), so that hashing a large site's titles,
/// paths and texts costs little. It tells whether something changed; it is not a cryptographic hash.
/// The value depends on the bytes and on how they were handed in (each `add` is one piece).
struct Digest {
    private(set) var value: UInt64 = 0x9e37_79b9_7f4a_7c15

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var hash = value ^ UInt64(bytes.count)
        var index = 0
        while index + 8 <= bytes.count {
            hash = Self.mix(hash ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        value = Self.mix(hash ^ tail)
    }

    mutating func add(_ data: Data) { data.withUnsafeBytes { add($0) } }

    mutating func add(_ text: String) {
        var copy = text
        copy.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    mutating func add(_ number: Int) { withUnsafeBytes(of: Int64(number).littleEndian) { add($0) } }

    private static func mix(_ value: UInt64) -> UInt64 {
        var x = value &* 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        x = x &* 0xc4ce_b9fe_1a85_ec53
        return x ^ (x >> 29)
    }
}
