/// Fill-in scripts have no figures: the dashboard points to the pages that have them.
struct ScriptDashboard: DashboardPart {
    var pages: [SiteBlocks.Page]

    init(_ site: SiteBlocks, days: StatusSummary.Days) { pages = site.pages.filter { $0.blocks.scripts > 0 } }

    var headline: (label: String, text: String)? { nil }
    var counts: [String: Any] { [:] }

    func addLists(to lists: inout StatusLists) {
        let entries = lists.entries
        lists.list("scripts", pages) { entries.page($0) }
        lists.raise("has_more", !pages.isEmpty)
    }
}
