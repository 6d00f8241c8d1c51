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
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
