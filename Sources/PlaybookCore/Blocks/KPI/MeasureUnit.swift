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
