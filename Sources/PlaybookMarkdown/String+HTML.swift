extension String {
    /// Escapes `&`, `<`, `>`, `"` and `'` for use in HTML text and attribute values.
    ///
    /// Works on UTF-8 bytes and returns the string itself when nothing needs escaping: it runs on
    /// every value of every page.
    public var htmlAttributeEscaped: String {
        var copy = self
        return copy.withUTF8 { utf8 -> String in
            guard utf8.contains(where: HTMLBuilder.isEscaped) else { return self }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(utf8.count + 16)
            HTMLBuilder.escape(utf8, into: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}

/// HTML put together as UTF-8 bytes, made into one `String` at the end. Each `+=` on a `String`
/// checks its storage and capacity (some 500 instructions); a page's pager or table of contents is
/// twenty or thirty such pieces.
public struct HTMLBuilder {
    private var bytes: [UInt8] = []

    public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    /// Markup as it is.
    public mutating func append(_ markup: StaticString) {
        markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Text or an attribute value, escaped as `htmlAttributeEscaped` escapes it.
    public mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { Self.escape($0, into: &bytes) }
    }

    /// `utf8` with `&`, `<`, `>`, `"` and `'` escaped, added to `bytes`. Runs of bytes that need
    /// nothing are copied in one go: an `append` a byte costs a capacity check each.
    static func escape(_ utf8: UnsafeBufferPointer<UInt8>, into bytes: inout [UInt8]) {
        var runStart = 0
        for (index, byte) in utf8.enumerated() {
            guard Self.isEscaped(byte) else { continue }
            let entity: StaticString
            switch byte {
            case 38: entity = "&amp;"
            case 60: entity = "&lt;"
            case 62: entity = "&gt;"
            case 34: entity = "&quot;"
            case 39: entity = "&#39;"
            default: continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            entity.withUTF8Buffer { bytes.append(contentsOf: $0) }
            runStart = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
    }

    /// Whether `escape` replaces `byte`: `"` 34, `&` 38, `'` 39, `<` 60 and `>` 62, one bit each of a
    /// 64-bit mask (every other byte is left as it is).
    @inline(__always) static func isEscaped(_ byte: UInt8) -> Bool {
        byte < 64 && (1 << 34 | 1 << 38 | 1 << 39 | 1 << 60 | 1 << 62 as UInt64) >> byte & 1 == 1
    }

    /// `open`, `value` escaped, `middle`, `text` escaped, `close`: a link or an element with one
    /// attribute (`<a href="` url `">` title `</a>`).
    public mutating func append(_ open: StaticString, _ value: String, _ middle: StaticString, _ text: String, _ close: StaticString) {
        append(open)
        appendEscaped(value)
        append(middle)
        appendEscaped(text)
        append(close)
    }

    public var isEmpty: Bool { bytes.isEmpty }

    /// What was appended, as a C string for `body` (cmark copies the text it is given).
    mutating func withCString<Result>(_ body: (UnsafePointer<CChar>) -> Result) -> Result {
        bytes.append(0)
        defer { bytes.removeLast() }
        return bytes.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
    }

    /// What was appended.
    public var html: String { String(decoding: bytes, as: UTF8.self) }
}
