import Foundation
import PlaybookMarkdown

/// FNV-1a, for ids that must stay the same from build to build (Swift's `Hasher` is seeded per run).
enum StableHash {
    static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
