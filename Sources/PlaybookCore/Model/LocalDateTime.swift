import Foundation
import PlaybookMarkdown

/// A wall-clock time without zone (`2025-01-06T09:30`), as calendars call "floating".
public struct LocalDateTime: Hashable, Sendable {
    public var day: Day
    public var hour: Int
    public var minute: Int

    public init(day: Day, hour: Int, minute: Int) {
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    public init?(_ text: String) {
        let parts = text.split(separator: "T", maxSplits: 1).map(String.init)
        guard parts.count == 2, let day = Day(parts[0]) else { return nil }
        let time = parts[1].split(separator: ":").map(String.init)
        guard time.count == 2, time.allSatisfy({ $0.count == 2 }), let hour = Int(time[0]), let minute = Int(time[1]),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    /// `20250106T093000`.
    var icalendar: String {
        day.description.replacingOccurrences(of: "-", with: "") + "T" + String(format: "%02d%02d00", hour, minute)
    }

    var display: String { "\(day) " + time }

    /// `09:30`.
    var time: String { String(format: "%02d:%02d", hour, minute) }
}
