/// A dashboard part for a kind with no figures to summarise (scripts, phrase lists): it lists the
/// pages that have one, under `more` on the dashboard.
protocol PagePointerPart: DashboardPart {
    /// The list's name in the template model (`scripts`).
    static var listName: String { get }
    /// Whether a page has blocks of this kind.
    static func counts(_ blocks: PageBlocks) -> Bool
    var pages: [SiteBlocks.Page] { get }
    init(pages: [SiteBlocks.Page])
}

extension PagePointerPart {
    init(_ site: SiteBlocks, days: StatusSummary.Days) { self.init(pages: site.pages.filter { Self.counts($0.blocks) }) }

    var headline: (label: String, text: String)? { nil }
    var counts: [String: Any] { [:] }

    func addLists(to lists: inout StatusLists) {
        let entries = lists.entries
        lists.list(Self.listName, pages) { entries.page($0) }
        lists.raise("has_more", !pages.isEmpty)
    }
}
