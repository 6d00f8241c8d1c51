/// Phrase lists have no figures: the dashboard points to the pages that have them.
struct PhrasesDashboard: DashboardPart {
    var pages: [SiteBlocks.Page]

    init(_ site: SiteBlocks, days: StatusSummary.Days) { pages = site.pages.filter { $0.blocks.phrases > 0 } }

    var headline: (label: String, text: String)? { nil }
    var counts: [String: Any] { [:] }

    func addLists(to lists: inout StatusLists) {
        let entries = lists.entries
        lists.list("phrases", pages) { entries.page($0) }
        lists.raise("has_more", !pages.isEmpty)
    }
}
