/// Gives headings unique, stable ids derived from their text.
public struct HeadingIDs {
    /// How text becomes an id.
    public enum Style: Sendable {
        /// GitHub's (and Hugo's): lower case, punctuation and symbols dropped, each space a `-`
        /// (`Pay & benefits` → `pay--benefits`), so links written for GitHub land. Headings use it.
        case github
        /// Letters and digits, every other run folded into one `-` (`pay-benefits`): the keys that
        /// block items (checklist ticks) are stored by.
        case compact
    }

    private var used: Set<String>
    /// Slugs longer than this many characters are cut (at a word boundary's dash where possible).
    public var maxLength: Int?
    public var style: Style

    /// `reserved` ids (the theme's own) are never handed out.
    public init(reserved: Set<String> = [], maxLength: Int? = nil, style: Style = .compact) {
        used = reserved
        self.maxLength = maxLength
        self.style = style
    }

    /// The slug of `text`, made unique by a `-1`, `-2`… suffix.
    public mutating func id(for text: String) -> String {
        var base = style == .github ? Self.githubSlug(text) : Self.slug(text)
        if let maxLength, base.count > maxLength {
            base = String(base.prefix(maxLength))
            while base.hasSuffix("-") { base.removeLast() }
        }
        // Theme element ids all start with `pb-`; headings stay out of that namespace.
        if base.hasPrefix("pb-") { base = "h-" + base }
        var candidate = base
        var counter = 0
        while used.contains(candidate) {
            counter += 1
            candidate = "\(base)-\(counter)"
        }
        used.insert(candidate)
        return candidate
    }

    /// GitHub's heading id of `text` (github-slugger): lower case; letters, marks, digits, `_`, `-` and
    /// spaces kept, everything else (punctuation, symbols, emoji) dropped; each space becomes `-`.
    /// `section` when nothing is left.
    public static func githubSlug(_ text: String) -> String {
        if let ascii = asciiGitHubSlug(text) { return ascii }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " {
                result.append("-")
            } else if scalar == "-" || scalar == "_" || isKeptByGitHub(scalar) {
                result.unicodeScalars.append(scalar)
            }
        }
        return result.isEmpty ? "section" : result
    }

    /// `githubSlug` of ASCII text, byte by byte (most headings); nil for other text.
    private static func asciiGitHubSlug(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            for byte in bytes {
                let lower = (65...90).contains(byte) ? byte + 32 : byte
                if (97...122).contains(lower) || (48...57).contains(lower) || lower == UInt8(ascii: "_") || lower == UInt8(ascii: "-") {
                    result.append(lower)
                } else if byte == UInt8(ascii: " ") {
                    result.append(UInt8(ascii: "-"))
                }
            }
            return result.isEmpty ? "section" : String(decoding: result, as: UTF8.self)
        }
    }

    /// Letters, marks, numbers and connector punctuation: what GitHub keeps in an id.
    private static func isKeptByGitHub(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (97...122).contains(value) || (65...90).contains(value) || (48...57).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark, .spacingMark,
            .enclosingMark, .decimalNumber, .letterNumber, .otherNumber, .connectorPunctuation:
            return true
        default:
            return false
        }
    }

    /// Lower-cased letters and digits, other runs of characters folded into one `-`.
    public static func slug(_ text: String) -> String {
        asciiSlug(text) ?? unicodeSlug(text)
    }

    /// `slug` one scalar at a time, for any text.
    static func unicodeSlug(_ text: String) -> String {
        var result = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" {
                if pendingDash && !result.isEmpty { result.append("-") }
                pendingDash = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return result.isEmpty ? "section" : result
    }

    /// `slug` of ASCII text, byte by byte (every page's headings come through here); nil for other text.
    private static func asciiSlug(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var pendingDash = false
            for byte in bytes {
                let lower = (65...90).contains(byte) ? byte + 32 : byte
                if (97...122).contains(lower) || (48...57).contains(lower) || lower == UInt8(ascii: "_") {
                    if pendingDash && !result.isEmpty { result.append(UInt8(ascii: "-")) }
                    pendingDash = false
                    result.append(lower)
                } else {
                    pendingDash = true
                }
            }
            return result.isEmpty ? "section" : String(decoding: result, as: UTF8.self)
        }
    }
}
