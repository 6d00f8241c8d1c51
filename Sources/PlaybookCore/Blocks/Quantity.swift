import Foundation

/// A unit a KPI value is measured in.
public enum MeasureUnit: Hashable, Sendable, CustomStringConvertible {
    case none
    case percent
    /// A duration, with its length in seconds (`ms` is 0.001).
    case time(String, seconds: Double)
    /// Any other word: compares only with the same word.
    case word(String)

    static let timeUnits: [String: (String, Double)] = [
        "ms": ("ms", 0.001), "millisecond": ("ms", 0.001), "milliseconds": ("ms", 0.001),
        "s": ("s", 1), "sec": ("s", 1), "secs": ("s", 1), "second": ("s", 1), "seconds": ("s", 1),
        "min": ("min", 60), "mins": ("min", 60), "minute": ("min", 60), "minutes": ("min", 60),
        "h": ("h", 3_600), "hr": ("h", 3_600), "hrs": ("h", 3_600), "hour": ("h", 3_600), "hours": ("h", 3_600),
        "d": ("d", 86_400), "day": ("d", 86_400), "days": ("d", 86_400),
    ]

    /// Reads a unit word; empty text is no unit.
    init(_ text: String) {
        let trimmed = text.trimmedSpaces
        if trimmed.isEmpty {
            self = .none
        } else if trimmed == "%" {
            self = .percent
        } else if let time = Self.timeUnits[trimmed.lowercased()] {
            self = .time(time.0, seconds: time.1)
        } else {
            self = .word(trimmed)
        }
    }

    /// True when values in the two units can be compared (after conversion).
    func isComparable(with other: MeasureUnit) -> Bool {
        switch (self, other) {
        case (.none, .none), (.percent, .percent), (.time, .time): return true
        case (.word(let a), .word(let b)): return a == b
        default: return false
        }
    }

    var scale: Double {
        if case .time(_, let seconds) = self { return seconds }
        return 1
    }

    public var description: String {
        switch self {
        case .none: return ""
        case .percent: return "%"
        case .time(let name, _): return name
        case .word(let word): return word
        }
    }
}

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

/// Locale-independent number text: integers without a decimal point, others with up to four decimals.
enum NumberText {
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

/// How a value must relate to its target.
public enum Comparator: String, Hashable, Sendable {
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case equal = "="

    func holds(_ actual: Double, _ target: Double) -> Bool {
        let tolerance = max(abs(actual), abs(target)) * 1e-12
        switch self {
        case .less: return actual < target - tolerance
        case .lessOrEqual: return actual <= target + tolerance
        case .greater: return actual > target + tolerance
        case .greaterOrEqual: return actual >= target - tolerance
        case .equal: return abs(actual - target) <= tolerance
        }
    }

    /// The symbol shown to readers (`≤` rather than `<=`).
    var symbol: String {
        switch self {
        case .less: return "<"
        case .lessOrEqual: return "≤"
        case .greater: return ">"
        case .greaterOrEqual: return "≥"
        case .equal: return "="
        }
    }
}

/// A KPI target: an optional comparator and a quantity, or a placeholder such as `[Define Target]`.
public struct Target: Hashable, Sendable {
    public var comparator: Comparator?
    public var quantity: Quantity

    /// The result of reading a target text.
    public enum Parsed: Hashable, Sendable {
        case target(Target)
        case placeholder
        case invalid
    }

    public static func parse(_ text: String) -> Parsed {
        var rest = text.trimmedSpaces
        if rest.hasPrefix("["), rest.hasSuffix("]") { return .placeholder }
        var comparator: Comparator?
        for (symbol, value) in [
            ("<=", Comparator.lessOrEqual), (">=", .greaterOrEqual), ("≤", .lessOrEqual), ("≥", .greaterOrEqual),
            ("<", .less), (">", .greater), ("=", .equal),
        ] where rest.hasPrefix(symbol) {
            comparator = value
            rest = String(rest.dropFirst(symbol.count))
            break
        }
        guard let quantity = Quantity(rest) else { return .invalid }
        return .target(Target(comparator: comparator, quantity: quantity))
    }

    public var formatted: String {
        (comparator.map { "\($0.symbol) " } ?? "") + quantity.formatted
    }
}
