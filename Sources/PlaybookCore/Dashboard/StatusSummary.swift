/// What the dashboard and the status report say about the site on one day: the questions a manager
/// asks, each answered from the site's block items.
public struct StatusSummary: Sendable {
    public typealias Sourced = SiteBlocks.Sourced

    public struct KPIGroup: Sendable {
        public var status: KPIStatus
        public var label: String
        public var kpis: [Sourced<KPIEntry>]
    }

    /// A meeting of a cadence and the days it takes place in the window.
    public struct UpcomingMeeting: Sendable {
        public var meeting: Sourced<MeetingEntry>
        /// Empty when the meeting has no start but repeats at least weekly.
        public var days: [Day]
    }

    /// Checklist progress of one page, all its lists together.
    public struct Progress: Sendable {
        public var page: SiteBlocks.Page
        public var lists: [ChecklistEntry]
        public var done: Int { lists.reduce(0) { $0 + $1.items.filter(\.done).count } }
        public var total: Int { lists.reduce(0) { $0 + $1.items.count } }
    }

    public var today: Day
    /// The last day of the 7-day window that starts today.
    public var windowEnd: Day
    public var kpiGroups: [KPIGroup]
    public var kpiCount: Int
    public var worsening: [Sourced<KPIEntry>]
    public var riskCount: Int
    public var escalated: [Sourced<RiskEntry>]
    public var overdueReviews: [Sourced<RiskEntry>]
    public var reviewsDue: [Sourced<RiskEntry>]
    public var priorityCount: Int
    public var p1: [Sourced<PriorityEntry>]
    public var progress: [Progress]
    public var overdueItems: [Sourced<ChecklistEntry.Item>]
    public var itemsDue: [Sourced<ChecklistEntry.Item>]
    public var meetings: [UpcomingMeeting]
    /// Pages with fill-in scripts and phrase lists, which have no figures to summarise.
    public var scriptPages: [SiteBlocks.Page]
    public var phrasePages: [SiteBlocks.Page]

    static let statusOrder: [KPI.Status] = [.missed, .noData, .targetNotSet, .met]

    public init(_ site: SiteBlocks, today: Day) {
        self.today = today
        windowEnd = today.adding(days: 6)
        let kpis = site.all(\.kpis)
        kpiCount = kpis.count
        kpiGroups = Self.statusOrder.compactMap { status in
            let members = kpis.filter { $0.item.status == status }
            return members.isEmpty ? nil : KPIGroup(status: status, label: status.label, kpis: members)
        }
        worsening = kpis.filter { $0.item.trend == .worsening }

        let risks = site.all(\.risks)
        riskCount = risks.count
        escalated = risks.enumerated().filter(\.element.item.escalate).sorted { a, b in
            a.element.item.score != b.element.item.score ? a.element.item.score > b.element.item.score : a.offset < b.offset
        }.map(\.element)
        overdueReviews = risks.filter { $0.item.reviewDue.map { $0 < today } ?? false }
        let end = windowEnd
        reviewsDue = risks.filter { $0.item.reviewDue.map { $0 >= today && $0 <= end } ?? false }.sorted { $0.item.reviewDue! < $1.item.reviewDue! }

        let priorities = site.all(\.priorities)
        priorityCount = priorities.count
        p1 = priorities.filter { $0.item.band == .p1 }

        progress = site.pages.filter { !$0.blocks.checklists.isEmpty }.map { Progress(page: $0, lists: $0.blocks.checklists) }
        let items = site.all(\.checklists).flatMap { list in list.item.items.map { Sourced(item: $0, page: list.page) } }
        let open = items.filter { !$0.item.done }
        overdueItems = open.filter { $0.item.due.map { $0 < today } ?? false }
        itemsDue = open.filter { $0.item.due.map { $0 >= today && $0 <= end } ?? false }.sorted { $0.item.due! < $1.item.due! }

        // In the order they next take place; meetings without a start time last, in page order.
        let upcoming = site.all(\.meetings).compactMap { meeting -> UpcomingMeeting? in
            if let days = MeetingSchedule.days(of: meeting.item, from: today, through: end) {
                return days.isEmpty ? nil : UpcomingMeeting(meeting: meeting, days: days)
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
        scriptPages = site.pages.filter { $0.blocks.scripts > 0 }
        phrasePages = site.pages.filter { $0.blocks.phrases > 0 }
    }

    func count(_ status: KPI.Status) -> Int {
        kpiGroups.first { $0.status == status }?.kpis.count ?? 0
    }

    public var checklistDone: Int { progress.reduce(0) { $0 + $1.done } }
    public var checklistTotal: Int { progress.reduce(0) { $0 + $1.total } }
}
