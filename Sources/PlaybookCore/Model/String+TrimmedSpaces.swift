extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (any Unicode space separator), like
    /// `trimmingCharacters(in: .whitespaces)` but without a round trip through `NSString`: block fields
    /// of a large data file are trimmed hundreds of thousands of times.
    var trimmedSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last, Self.isSpace(first) || Self.isSpace(last) else { return String(self) }
        guard let start = scalars.firstIndex(where: { !Self.isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !Self.isSpace($0) })!
        return String(String.UnicodeScalarView(scalars[start...end]))
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " || scalar == "\t" { return true }
        return scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator
    }
}
