#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One page's distinct words, collected without making a string per occurrence: words are hashed
/// (FNV-1a) and compared as bytes in an open-addressing table, and only each distinct word becomes a
/// `String`. A page of 5 KB has some 800 words but only a few hundred distinct ones.
struct SearchWordTable {
    private var slots = [Int32](repeating: -1, count: 256)
    private var hashes: [UInt64] = []
    private var bytes: [UInt8] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private(set) var flags: [Int] = []
    private(set) var headings: [[Int]] = []

    var count: Int { starts.count }

    func word(_ index: Int) -> String { String(decoding: bytes[starts[index]..<starts[index] + lengths[index]], as: UTF8.self) }

    /// Adds the words of `text` (1 title, 2 text, 0 with `heading` set: a heading's words).
    mutating func add(_ text: String, flag: Int, heading: Int? = nil) {
        SearchIndexBuilder.eachWord(in: text) { insert($0, flag: flag, heading: heading) }
    }

    private mutating func insert(_ word: UnsafeBufferPointer<UInt8>, flag: Int, heading: Int?) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let entry = Int(slots[slot])
            if hashes[entry] == hash, lengths[entry] == word.count, equals(entry, word) {
                flags[entry] |= flag
                if let heading, headings[entry].last != heading { headings[entry].append(heading) }
                return
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(starts.count)
        hashes.append(hash)
        starts.append(bytes.count)
        lengths.append(word.count)
        bytes.append(contentsOf: word)
        flags.append(flag)
        headings.append(heading.map { [$0] } ?? [])
        if starts.count * 2 > slots.count { grow() }
    }

    /// Whether the word stored at `entry` (of `word`'s length) is `word`.
    private func equals(_ entry: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let other = word.baseAddress, !word.isEmpty else { return true }
        return bytes.withUnsafeBufferPointer { stored in memcmp(stored.baseAddress! + starts[entry], other, word.count) == 0 }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (entry, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry)
        }
    }
}
