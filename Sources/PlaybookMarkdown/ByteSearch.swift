#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Substring tests on UTF-8 bytes, for the cheap checks that skip work: whether a page may hold an
/// extension's marker, whether a template names another. `String.contains` compares characters
/// (through `NSString` with Foundation), far slower, and these needles never need that.
public enum ByteSearch {
    /// True when `text` holds `needle`, byte for byte: `memchr` finds each candidate first byte and
    /// `memcmp` checks the rest.
    public static func contains(_ text: String, _ needle: String) -> Bool {
        var (text, needle) = (text, needle)
        return text.withUTF8 { haystack in
            needle.withUTF8 { pattern in
                guard let first = pattern.first else { return true }
                guard let base = haystack.baseAddress, let wanted = pattern.baseAddress, pattern.count <= haystack.count else {
                    return false
                }
                let last = haystack.count - pattern.count  // the last offset a match can start at
                var at = 0
                while at <= last, let found = memchr(base + at, Int32(first), last - at + 1) {
                    let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + offset, wanted, pattern.count) == 0 { return true }
                    at = offset + 1
                }
                return false
            }
        }
    }

    /// The first range of `needle` in `text`, found byte for byte on the UTF-8 view (`firstRange(of:)`
    /// compares characters, some 300 instructions a byte). `needle` is ASCII, so the range's bounds
    /// are character boundaries of `text`.
    public static func firstRange(of needle: StaticString, in text: Substring) -> Range<String.Index>? {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = pattern.first else { return nil }
        let utf8 = text.utf8
        var from = utf8.startIndex
        while let found = utf8[from...].firstIndex(of: first) {
            var end = found
            var matched = true
            for byte in pattern {
                guard end < utf8.endIndex, utf8[end] == byte else {
                    matched = false
                    break
                }
                end = utf8.index(after: end)
            }
            if matched { return found..<end }
            from = utf8.index(after: found)
        }
        return nil
    }
}
