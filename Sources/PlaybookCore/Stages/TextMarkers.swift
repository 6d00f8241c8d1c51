import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Placeholders for text made later: `marker(n)` is U+0001, a name, this run's random number, `n`
/// and U+0001. No page can write one (it cannot guess the number); `split` finds them again.
struct TextMarkers: Sendable {
    let prefix: String

    init(_ name: String) { prefix = "\u{1}pb-\(name)-\(UInt64.random(in: .min ... .max))-" }

    func marker(_ number: Int) -> String { prefix + String(number) + "\u{1}" }

    /// `text` cut at its markers of numbers below `count`: the pieces between them (one more than
    /// the markers) and each marker's number, in order.
    func split(_ text: String, count: Int) -> (pieces: [Substring], numbers: [Int]) {
        var text = text
        let prefix = Array(self.prefix.utf8)
        // Where each marker is (byte offsets, its closing U+0001 included) and its number.
        let found = text.withUTF8 { bytes -> [(start: Int, end: Int, number: Int)] in
            guard let base = bytes.baseAddress else { return [] }
            var found: [(start: Int, end: Int, number: Int)] = []
            var at = 0
            // Markers start with U+0001: memchr finds the few there are.
            while at < bytes.count, let hit = memchr(base + at, 1, bytes.count - at) {
                let start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                at = start + 1
                guard bytes.count - start >= prefix.count, UnsafeBufferPointer(rebasing: bytes[start..<(start + prefix.count)]).elementsEqual(prefix)
                else { continue }
                var end = start + prefix.count
                var number = 0
                while end < bytes.count, (48...57).contains(bytes[end]), number < Int.max / 10 - 9 {
                    number = number * 10 + Int(bytes[end] - 48)
                    end += 1
                }
                guard end < bytes.count, bytes[end] == 1, end > start + prefix.count, number < count else { continue }
                found.append((start, end + 1, number))
                at = end + 1
            }
            return found
        }
        // Pieces of the text as substrings: unlike bytes made into a string, they are not checked for
        // valid UTF-8 again (a marker's ends are single-byte characters, so every piece is whole).
        let utf8 = text.utf8
        var pieces: [Substring] = []
        pieces.reserveCapacity(found.count + 1)
        var index = utf8.startIndex
        var copied = 0
        for marker in found {
            let start = utf8.index(index, offsetBy: marker.start - copied)
            pieces.append(text[index..<start])
            index = utf8.index(start, offsetBy: marker.end - marker.start)
            copied = marker.end
        }
        pieces.append(text[index...])
        return (pieces, found.map(\.number))
    }
}
