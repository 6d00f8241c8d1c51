/// The cadence on the dashboard: the meetings of the next 7 days, in the order they take place.
struct CadenceDashboard: DashboardPart {
    /// A meeting of a cadence and the days it takes place in the window.
    struct UpcomingMeeting: Sendable {
        public var meeting: SiteBlocks.Sourced<MeetingEntry>
        /// Empty when the meeting has no start but repeats at least weekly.
        public var days: [Day]
    }

    var meetings: [UpcomingMeeting]

    static func hasItems(in blocks: PageBlocks) -> Bool { !blocks[MeetingEntry.self].isEmpty }

    init(_ site: SiteBlocks, days: StatusSummary.Days) {
        // In the order they next take place; meetings without a start time last, in page order.
        let upcoming = site.all(MeetingEntry.self).compactMap { meeting -> UpcomingMeeting? in
            if let dates = MeetingSchedule.days(of: meeting.item, from: days.today, through: days.windowEnd) {
                return dates.isEmpty ? nil : UpcomingMeeting(meeting: meeting, days: dates)
            }
            return MeetingSchedule.atLeastWeekly.contains(meeting.item.every ?? "") ? UpcomingMeeting(meeting: meeting, days: []) : nil
        }
        func when(_ meeting: UpcomingMeeting) -> (Int, Int) {
            guard let first = meeting.days.first, let start = meeting.meeting.item.start else { return (Int.max, 0) }
            return (first.daysSinceEpoch, start.hour * 60 + start.minute)
        }
        meetings = upcoming.enumerated().sorted { a, b in
            when(a.element) != when(b.element) ? when(a.element) < when(b.element) : a.offset < b.offset
        }.map(\.element)
    }

    var headline: (label: String, text: String)? {
        guard !meetings.isEmpty else { return nil }
        let count = meetings.reduce(0) { $0 + $1.days.count }
        let unscheduled = meetings.filter(\.days.isEmpty).count
        return ("Meetings", "\(count) in the next 7 days" + (unscheduled > 0 ? " · \(unscheduled) without a start time" : ""))
    }

    var counts: [String: Any] { ["meetings": meetings.count] }

    func addLists(to lists: inout StatusLists) {
        let entries = lists.entries
        lists.list("meetings", meetings, ("meeting", "meetings")) { upcoming in
            let meeting = upcoming.meeting.item
            return entries.located(
                meeting.location, upcoming.meeting.page,
                [
                    "name": meeting.name, "every": meeting.every ?? Absent(),
                    "days": upcoming.days.isEmpty ? Absent() : Self.days(upcoming.days),
                    "time": meeting.start?.time ?? Absent(), "duration": meeting.minutes.map(Self.duration) ?? Absent(),
                    "audience": meeting.audience ?? Absent(), "unscheduled": upcoming.days.isEmpty,
                ])
        }
        lists.raise("has_due", !meetings.isEmpty)
    }

    /// `Tue 1, Wed 2, Thu 3 Dec`: the month is written once per run of days in it.
    static func days(_ days: [Day]) -> String {
        var parts: [String] = []
        for (index, day) in days.enumerated() {
            let lastOfMonth = index + 1 == days.count || days[index + 1].month != day.month
            parts.append("\(Day.weekdayNames[day.weekday]) \(day.day)" + (lastOfMonth ? " \(Day.monthNames[day.month - 1])" : ""))
        }
        return parts.joined(separator: ", ")
    }

    /// `15 min`, `1 h`, `1 h 30 min`.
    static func duration(_ minutes: Int) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        return [hours > 0 ? "\(hours) h" : nil, rest > 0 ? "\(rest) min" : nil].compactMap { $0 }.joined(separator: " ")
    }
}
