import Foundation

/// A number with a unit, such as `200ms`, `99.99%` or `1,000 rps`.
public struct Quantity: Hashable, Sendable {
    public var value: Double
    public var unit: MeasureUnit

    /// The value in the unit family's base (seconds for durations).
    var baseValue: Double { value * unit.scale }

    /// Parses `12`, `0.25s`, `1,000 requests`, `< 24 hours` is not a quantity (see `Target`).
    /// Thousands separators must group three digits; NaN and infinity are refused.
    public init?(_ text: String) {
        let trimmed = text.trimmedSpaces
        var numberEnd = trimmed.startIndex
        var sawDigit = false
        for index in trimmed.indices {
            let character = trimmed[index]
            if character.isASCII && (character.isNumber || character == "." || character == ",")
                || (index == trimmed.startIndex && (character == "-" || character == "+"))
            {
                if character.isNumber { sawDigit = true }
                numberEnd = trimmed.index(after: index)
            } else {
                break
            }
        }
        guard sawDigit else { return nil }
        numberEnd = Self.exponentEnd(in: trimmed, after: numberEnd)
        let numberText = String(trimmed[..<numberEnd])
        guard Self.hasValidGrouping(numberText),
            let value = Double(numberText.utf8.contains(UInt8(ascii: ",")) ? numberText.replacingOccurrences(of: ",", with: "") : numberText),
            value.isFinite
        else { return nil }
        self.value = value
        self.unit = MeasureUnit(String(trimmed[numberEnd...]))
    }

    public init(value: Double, unit: MeasureUnit) {
        self.value = value
        self.unit = unit
    }

    /// Scientific notation: `1e5`, `2.5e-3`, `4E+2` extend the number when `e` is followed by digits
    /// (so `5 errors` and `3em` keep their unit).
    private static func exponentEnd(in text: String, after end: String.Index) -> String.Index {
        guard end < text.endIndex, text[end] == "e" || text[end] == "E" else { return end }
        var index = text.index(after: end)
        if index < text.endIndex, text[index] == "-" || text[index] == "+" { index = text.index(after: index) }
        var sawDigit = false
        while index < text.endIndex, text[index].isASCII, text[index].isNumber {
            sawDigit = true
            index = text.index(after: index)
        }
        return sawDigit ? index : end
    }

    /// `1,000` and `12,345.5` are fine; `1,00` and `,5` are not.
    private static func hasValidGrouping(_ number: String) -> Bool {
        guard number.utf8.contains(UInt8(ascii: ",")) else { return true }
        let integer = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let digits = integer.drop(while: { $0 == "-" || $0 == "+" })
        let groups = digits.split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// The value written with its unit: `200ms`, `99.99%`, `24 hours`.
    public var formatted: String {
        let number = NumberText.format(value)
        switch unit {
        case .none: return number
        case .percent, .time: return number + unit.description
        case .word(let word): return "\(number) \(word)"
        }
    }
}
