import Foundation

/// JSON text for scripts, written directly (Foundation's JSONSerialization is several times slower here).
/// "/" becomes "\/" and `<`, `>`, `&` become `\u003c`…, so nothing in it can end or confuse an inline
/// `<script>`; U+2028/2029 are escaped for older JavaScript engines.
enum JSONText {
    static func encode(_ value: Any) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4096)
        write(value, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text` as a JSON string (what `encode(text as Any)` gives, without boxing it).
    static func encode(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        writeString(text, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// JSON written piece by piece, for values whose shape is known (a search entry): the same text
    /// `encode` makes of them, without boxing every value in `Any` and casting it back.
    struct Writer {
        private(set) var bytes: [UInt8] = []

        init(capacity: Int) { bytes.reserveCapacity(capacity) }

        /// Punctuation: `[`, `]`, `,`.
        mutating func raw(_ text: StaticString) {
            text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        mutating func string(_ text: String) { JSONText.writeString(text, into: &bytes) }

        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    private static func write(_ value: Any, into bytes: inout [UInt8]) {
        switch value {
        case let text as String: writeString(text, into: &bytes)
        case let number as Int: bytes += Array(String(number).utf8)
        case let flag as Bool: bytes += Array((flag ? "true" : "false").utf8)
        case let array as [Any]:
            bytes.append(UInt8(ascii: "["))
            for (index, element) in array.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(element, into: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        default: bytes += Array("null".utf8)
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    fileprivate static func writeString(_ text: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var copy = text
        copy.withUTF8 { utf8 in
            Self.special.withUnsafeBufferPointer { special in
                // Plain runs are copied in one go; only the few bytes that need escaping are handled alone.
                var runStart = 0
                var index = 0
                var bytewiseUntil = 0
                while index < utf8.count {
                    // Sixteen bytes at a time while none of them is special (most text has none); a
                    // chunk that has one is gone through byte by byte.
                    if index >= bytewiseUntil, index + 16 <= utf8.count {
                        guard Self.hasSpecialByte(in: utf8, at: index) else {
                            index += 16
                            continue
                        }
                        bytewiseUntil = index + 16
                    }
                    let byte = utf8[index]
                    // One table lookup a byte; 0xE2 starts U+2028 and U+2029, which need a closer look.
                    let needsEscape =
                        special[Int(byte)]
                        && (byte != 0xE2
                            || (index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9)))
                    guard needsEscape else {
                        index += 1
                        continue
                    }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                    switch byte {
                    case 34: bytes += [92, 34]
                    case 92: bytes += [92, 92]
                    case 47: bytes += [92, 47]
                    // `<`, `>` and `&` as \u escapes: no tag-like text at all inside an inline script.
                    case 60, 62, 38: bytes += [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                    case 0x0A: bytes += [92, UInt8(ascii: "n")]
                    case 0x0D: bytes += [92, UInt8(ascii: "r")]
                    case 0x09: bytes += [92, UInt8(ascii: "t")]
                    case 0xE2:
                        bytes += Array((utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                        index += 2
                    default: bytes += [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                    }
                    index += 1
                    runStart = index
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether any of the sixteen bytes from `offset` is one `special` marks: control characters,
    /// `"\\/<>&`, and 0xE2. Vector against vector throughout (a scalar operand, as in `chunk .== 34`,
    /// takes the generic path, element by element), and the mask read as two words.
    @inline(__always) private static func hasSpecialByte(in utf8: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        typealias Chunk = SIMD16<UInt8>
        let chunk = UnsafeRawPointer(utf8.baseAddress! + offset).loadUnaligned(as: Chunk.self)
        let control = chunk .< Chunk(repeating: 0x20)
        let quoteOrSlash = (chunk .== Chunk(repeating: 34)) .| (chunk .== Chunk(repeating: 92)) .| (chunk .== Chunk(repeating: 47))
        let markup = (chunk .== Chunk(repeating: 60)) .| (chunk .== Chunk(repeating: 62)) .| (chunk .== Chunk(repeating: 38))
        let found = control .| quoteOrSlash .| markup .| (chunk .== Chunk(repeating: 0xE2))
        let words = unsafeBitCast(found, to: SIMD2<UInt64>.self)
        return words[0] | words[1] != 0
    }

    /// The bytes `writeString` escapes: control characters, quote, backslash, `/`, `<`, `>`, `&`, and
    /// 0xE2 (when it starts U+2028 or U+2029).
    private static let special: [Bool] = (0...255).map { byte in
        byte < 0x20 || [34, 92, 47, 60, 62, 38, 0xE2].contains(byte)
    }
}
