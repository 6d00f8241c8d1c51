/// A calendar date (`YYYY-MM-DD`) without time or zone.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// A day as given (the build cache's records); `init?(_:)` checks one.
    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil for anything else, including impossible dates such as 2024-02-30.
    public init?(_ text: String) {
        // `YYYY-MM-DD` in ASCII digits: ten bytes, read as bytes.
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte &- UInt8(ascii: "0") < 10 else { return nil }
                value = value * 10 + Int(byte &- UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            (1...12).contains(month), day >= 1, day <= Day.length(ofMonth: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The earliest and latest Unix time stamps of a four-digit year (0001-01-01 to 9999-12-31, UTC).
    public static let unixTimeRange = -62_135_596_800...253_402_300_799

    /// The day of a Unix time stamp, in UTC.
    public init(unixTime seconds: Int) {
        let days = seconds / 86_400 - (seconds % 86_400 < 0 ? 1 : 0)
        self.init(daysSinceEpoch: days)
    }

    /// The day `days` after 1970-01-01 (before it when negative); clamped to ±2^40 days, far beyond any calendar use.
    init(daysSinceEpoch days: Int) {
        // Days-from-civil inverse (Howard Hinnant's algorithm): exact for every Gregorian date.
        let z = min(max(days, -(1 << 40)), 1 << 40) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    static func length(ofMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension Day {
    /// Days since 1970-01-01 (negative before).
    var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// This day moved by `days`.
    public func adding(days: Int) -> Day {
        let (sum, overflow) = daysSinceEpoch.addingReportingOverflow(days)
        return Day(daysSinceEpoch: overflow ? (days < 0 ? Int.min : Int.max) : sum)
    }

    /// This day moved by whole months; the 31st becomes the month's last day where needed.
    public func adding(months: Int) -> Day {
        var copy = self
        // Clamped like `adding(days:)`: ±2^36 months is far beyond any calendar use, and cannot overflow.
        let total = year * 12 + (month - 1) + min(max(months, -(1 << 36)), 1 << 36)
        let month = (total % 12 + 12) % 12
        copy.year = (total - month) / 12
        copy.month = month + 1
        copy.day = min(day, Day.length(ofMonth: copy.month, year: copy.year))
        return copy
    }
}
