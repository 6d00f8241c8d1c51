import Foundation

/// Rules for names that become parts of output paths.
public enum PathRules {
    /// A single path segment that cannot leave its folder: no `/`, `\`, NUL, `.`/`..`, or leading dot.
    public static func isSafeSegment(_ segment: String) -> Bool {
        !segment.isEmpty && !segment.hasPrefix(".") && segment.utf8.count <= 200
            && !segment.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" || $0.isNewline })
    }

    /// A URL-friendly name for a file or folder: lower case, letters and digits, other runs as `-`.
    public static func slug(_ name: String) -> String {
        asciiSlug(name) ?? unicodeSlug(name)
    }

    static func unicodeSlug(_ name: String) -> String {
        var result = ""
        var pendingDash = false
        for scalar in name.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "." {
                if pendingDash && !result.isEmpty { result.append("-") }
                pendingDash = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        while result.hasPrefix(".") { result.removeFirst() }
        if result.utf8.count > 160 {
            // File systems allow 255 bytes a name; long names keep their start and a digest of the rest.
            var short = ""
            for character in result where short.utf8.count + character.utf8.count <= 150 { short.append(character) }
            result = short + "-" + String(StableHash.hex(result).prefix(8))
        }
        return result.isEmpty ? "page" : result
    }

    /// `slug` of a name that is all ASCII, byte by byte (no Unicode normalisation needed); nil for others.
    private static func asciiSlug(_ name: String) -> String? {
        var name = name
        return name.withUTF8 { bytes -> String? in
            guard bytes.count <= 160, !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var pendingDash = false
            for byte in bytes {
                let lower = (65...90).contains(byte) ? byte + 32 : byte
                if (97...122).contains(lower) || (48...57).contains(lower) || lower == UInt8(ascii: "_") || lower == UInt8(ascii: ".") {
                    if pendingDash && !result.isEmpty { result.append(UInt8(ascii: "-")) }
                    pendingDash = false
                    result.append(lower)
                } else {
                    pendingDash = true
                }
            }
            let start = result.firstIndex { $0 != UInt8(ascii: ".") } ?? result.endIndex  // leading dots go
            return start == result.endIndex ? "page" : String(decoding: result[start...], as: UTF8.self)
        }
    }

    /// A title made from a file name: `risk-register` → `Risk register`.
    public static func title(fromFileName name: String) -> String {
        let words = name.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
            .split(separator: " ").joined(separator: " ")
        guard let first = words.first else { return name }
        return first.uppercased() + words.dropFirst()
    }
}
