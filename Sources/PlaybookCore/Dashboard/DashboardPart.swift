/// What one block kind shows on the dashboard and in the status report: its summary of the site's
/// items on one day, its line of the headline, its counts and its lists for the templates.
///
/// Each kind that feeds the dashboard has one beside its block (`Blocks/KPI/KPIDashboard.swift`),
/// named by its renderer (`BlockRenderer.dashboardPart`); `StatusSummary` makes them and `StatusModel`
/// asks them in the registry's order.
protocol DashboardPart: Sendable {
    /// Whether a page's blocks give this part something to show (`dashboard: auto` writes the
    /// dashboard when some page does).
    static func hasItems(in blocks: PageBlocks) -> Bool
    /// The kind's summary of `site` seen from `days` (today and the last day of the 7-day window).
    init(_ site: SiteBlocks, days: StatusSummary.Days)
    /// Its line of the headline, such as `("KPIs", "6 of 9 met · 1 missed")`; nil when it has none.
    var headline: (label: String, text: String)? { get }
    /// Its `counts.…` values (`kpis_met`, `risks_escalated` …).
    var counts: [String: Any] { get }
    /// Adds its lists and flags (`has_…`, `…_more`) to the template model.
    func addLists(to lists: inout StatusLists)
    /// Its section for themes that have none of their own for it: a title and linked entries, which
    /// the default theme shows on the dashboard and in every report format (`part_sections`). The
    /// standard kinds have none: the default theme writes their sections.
    var section: DashboardSection? { get }
}

extension DashboardPart {
    static func hasItems(in blocks: PageBlocks) -> Bool { false }
    var section: DashboardSection? { nil }
}

/// A dashboard part's section, as the default theme shows one it has no template for.
struct DashboardSection {
    var title: String
    /// Each entry's text, where it is written and its page.
    var entries: [(text: String, location: ItemLocation, page: SiteBlocks.Page)]
}
