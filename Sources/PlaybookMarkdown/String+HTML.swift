extension String {
    /// Escapes `&`, `<`, `>`, `"` and `'` for use in HTML text and attribute values.
    ///
    /// Works on UTF-8 bytes and returns the string itself when nothing needs escaping: it runs on
    /// every value of every page.
    public var htmlAttributeEscaped: String {
        var copy = self
        return copy.withUTF8 { utf8 -> String in
            guard utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else { return self }
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

    /// `utf8` with `&`, `<`, `>`, `"` and `'` escaped, added to `bytes`.
    static func escape(_ utf8: UnsafeBufferPointer<UInt8>, into bytes: inout [UInt8]) {
        for byte in utf8 {
            switch byte {
            case 38: bytes += [38, 97, 109, 112, 59]  // &amp;
            case 60: bytes += [38, 108, 116, 59]  // &lt;
            case 62: bytes += [38, 103, 116, 59]  // &gt;
            case 34: bytes += [38, 113, 117, 111, 116, 59]  // &quot;
            case 39: bytes += [38, 35, 51, 57, 59]  // &#39;
            default: bytes.append(byte)
            }
        }
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

    /// What was appended.
    public var html: String { String(decoding: bytes, as: UTF8.self) }
}
