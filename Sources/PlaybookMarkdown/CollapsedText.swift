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

    /// Adds `piece`'s bytes.
    mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
        for byte in piece {
            if byte == 32 || byte == 10 || byte == 9 || byte == 13 {
                pendingSpace = !bytes.isEmpty
            } else {
                if pendingSpace { bytes.append(32) }
                pendingSpace = false
                bytes.append(byte)
            }
        }
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
