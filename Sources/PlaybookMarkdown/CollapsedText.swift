#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Text built from pieces in which every run of spaces, tabs and line breaks becomes one space, with
/// none at either end: the plain text of a page or a heading. Works on bytes, as it runs over every
/// page's whole text.
struct CollapsedText {
    private var bytes: [UInt8] = []
    private var pendingSpace = false

    /// Adds `piece`'s bytes. They are written through a pointer into room made for the piece and one
    /// space (a piece never grows by more): one capacity check a piece, not one a byte.
    mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
        guard !piece.isEmpty else { return }
        // Most pieces (cmark's text nodes: a line's words) have nothing to collapse: copied whole.
        if Self.isCollapsed(piece) {
            if pendingSpace { bytes.append(32) }
            bytes.append(contentsOf: piece)
            pendingSpace = false
            return
        }
        var end = bytes.count
        var pending = pendingSpace
        bytes.append(contentsOf: repeatElement(0, count: piece.count + 1))
        bytes.withUnsafeMutableBufferPointer { buffer in
            guard let out = buffer.baseAddress, let input = piece.baseAddress else { return }
            for offset in 0..<piece.count {
                let byte = input[offset]
                if byte <= 32 && (byte == 32 || byte == 10 || byte == 9 || byte == 13) {
                    pending = end > 0
                } else {
                    if pending {
                        out[end] = 32
                        end += 1
                        pending = false
                    }
                    out[end] = byte
                    end += 1
                }
            }
        }
        bytes.removeLast(bytes.count - end)
        pendingSpace = pending
    }

    /// True when `piece` has no tab or line break, and no space at either end or next to another.
    private static func isCollapsed(_ piece: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = piece.baseAddress, base[0] != 32, base[piece.count - 1] != 32 else { return false }
        for index in 0..<piece.count where base[index] <= 32 {
            // Not the first byte when a space: that one is not a space.
            if base[index] != 32 || base[index - 1] == 32 { return false }
        }
        return true
    }

    /// Adds a C string (cmark's literals); nothing for nil.
    mutating func append(_ piece: UnsafePointer<CChar>?) {
        guard let piece else { return }
        let count = strlen(piece)
        piece.withMemoryRebound(to: UInt8.self, capacity: count) { append(UnsafeBufferPointer(start: $0, count: count)) }
    }

    /// A separator between pieces: collapses with the whitespace around it.
    mutating func appendSpace() { pendingSpace = !bytes.isEmpty }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
