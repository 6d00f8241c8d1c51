#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One page's distinct words, collected without making a string per occurrence: words are hashed
/// (FNV-1a) and compared as bytes in an open-addressing table, and only each distinct word becomes a
/// `String`. A page of 5 KB has some 800 words but only a few hundred distinct ones.
struct SearchWordTable {
    private struct Entry {
        var hash: UInt64
        var start: Int
        var length: Int
        var flags: Int
    }

    private var slots = [Int32](repeating: -1, count: 256)
    private var entries: [Entry] = []
    private var bytes: [UInt8] = []
    private(set) var headings: [[Int]] = []

    var count: Int { entries.count }
    var flags: [Int] { entries.map(\.flags) }

    func word(_ index: Int) -> String {
        let entry = entries[index]
        return String(decoding: bytes[entry.start..<entry.start + entry.length], as: UTF8.self)
    }

    /// Adds the words of `text` (1 title, 2 text, 0 with `heading` set: a heading's words).
    mutating func add(_ text: String, flag: Int, heading: Int? = nil) {
        SearchIndexBuilder.eachWord(in: text) { insert($0, hash: $1, flag: flag, heading: heading) }
    }

    private mutating func insert(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, flag: Int, heading: Int?) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while case let found = Int(slots[slot]), found >= 0 {
            let entry = entries[found]
            if entry.hash == hash, entry.length == word.count, equals(entry.start, word) {
                if entry.flags | flag != entry.flags { entries[found].flags |= flag }
                if let heading, headings[found].last != heading { headings[found].append(heading) }
                return
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(entries.count)
        entries.append(Entry(hash: hash, start: bytes.count, length: word.count, flags: flag))
        bytes.append(contentsOf: word)
        headings.append(heading.map { [$0] } ?? [])
        if entries.count * 2 > slots.count { grow() }
    }

    /// Whether the bytes stored from `start` (as many as `word` has) are `word`.
    private func equals(_ start: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let other = word.baseAddress, !word.isEmpty else { return true }
        return bytes.withUnsafeBufferPointer { stored in memcmp(stored.baseAddress! + start, other, word.count) == 0 }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }
}
