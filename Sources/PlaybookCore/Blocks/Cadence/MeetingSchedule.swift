/// When a cadence's meetings fall in a window of days, following the same rules as the calendar
/// file's RRULEs (RFC 5545): a monthly meeting on the 31st skips months without one.
enum MeetingSchedule {
    /// Days from `first` to `last` (inclusive) on which `meeting` takes place, or nil when it has no
    /// start and so no known days.
    static func days(of meeting: MeetingEntry, from first: Day, through last: Day) -> [Day]? {
        guard let start = meeting.start?.day else { return nil }
        var days: [Day] = []
        var day = max(first, start)
        while day <= last {
            if occurs(meeting.every, start: start, on: day) { days.append(day) }
            day = day.adding(days: 1)
        }
        return days
    }

    /// True when a meeting starting on `start` and repeating `every` takes place on `day` (≥ start).
    static func occurs(_ every: String?, start: Day, on day: Day) -> Bool {
        let offset = start.days(to: day)
        switch every {
        case "daily": return true
        case "weekday": return day.weekday < 5
        case "weekly": return offset % 7 == 0
        case "biweekly": return offset % 14 == 0
        case "monthly": return day.day == start.day
        default: return offset == 0
        }
    }

    /// Frequencies that happen in every 7-day window, so a meeting without a start still falls in one.
    static let atLeastWeekly: Set<String> = ["daily", "weekday", "weekly"]
}
