/// What the dashboard and the status report say about the site on one day: the questions a manager
/// asks, each answered by the dashboard part of a block kind (`BlockKinds.dashboardParts`, in `SiteBlocks.parts`) from the
/// site's block items.
public struct StatusSummary: Sendable {
    /// The day seen from and the 7-day window that starts on it.
    public struct Days: Sendable {
        public var today: Day
        /// The last day of the 7-day window that starts today.
        public var windowEnd: Day
        var window: ClosedRange<Day> { today...windowEnd }

        init(today: Day) {
            self.today = today
            windowEnd = today.adding(days: 6)
        }
    }

    public var days: Days
    public var today: Day { days.today }
    public var windowEnd: Day { days.windowEnd }
    /// One part per block kind that feeds the dashboard, in the registry's order.
    var parts: [any DashboardPart]

    public init(_ site: SiteBlocks, today: Day) {
        let days = Days(today: today)
        self.days = days
        parts = site.parts.map { $0.init(site, days: days) }
    }

    /// The part of one kind (`summary[KPIDashboard.self]`).
    subscript<Part: DashboardPart>(_ part: Part.Type) -> Part? {
        for candidate in parts { if let found = candidate as? Part { return found } }
        return nil
    }
}
