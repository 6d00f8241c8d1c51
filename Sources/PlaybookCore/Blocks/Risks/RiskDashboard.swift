/// The risks on the dashboard: those to escalate (highest score first), reviews overdue and reviews
/// due in the next 7 days.
struct RiskDashboard: DashboardPart {
    typealias Sourced = SiteBlocks.Sourced

    var count: Int
    var escalated: [Sourced<RiskEntry>]
    var overdueReviews: [Sourced<RiskEntry>]
    var reviewsDue: [Sourced<RiskEntry>]

    static func hasItems(in blocks: PageBlocks) -> Bool { !blocks[RiskEntry.self].isEmpty }

    init(_ site: SiteBlocks, days: StatusSummary.Days) {
        let risks = site.all(RiskEntry.self)
        count = risks.count
        escalated = risks.enumerated().filter(\.element.item.escalate).sorted { a, b in
            a.element.item.score != b.element.item.score ? a.element.item.score > b.element.item.score : a.offset < b.offset
        }.map(\.element)
        overdueReviews = risks.filter { $0.item.reviewDue.map { $0 < days.today } ?? false }
        reviewsDue = risks.filter { $0.item.reviewDue.map { days.window.contains($0) } ?? false }.sorted { $0.item.reviewDue! < $1.item.reviewDue! }
    }

    var headline: (label: String, text: String)? {
        guard count > 0 else { return nil }
        var parts = ["\(escalated.count) of \(count) to escalate"]
        if !overdueReviews.isEmpty { parts.append("\(StatusModel.count(overdueReviews.count, "review")) overdue") }
        return ("Risks", parts.joined(separator: " · "))
    }

    var counts: [String: Any] { ["risks": count, "risks_escalated": escalated.count, "reviews_overdue": overdueReviews.count] }

    func addLists(to lists: inout StatusLists) {
        let entries = lists.entries
        let risk = { (entry: Sourced<RiskEntry>) in Self.entry(entry, entries) }
        lists.list("escalated", escalated, ("risk", "risks"), risk)
        lists.list("overdue_reviews", overdueReviews, ("review", "reviews"), risk)
        lists.list("reviews_due", reviewsDue, ("risk review due", "risk reviews due"), risk)
        lists.set("has_risks", count > 0)
        lists.raise("has_due", !reviewsDue.isEmpty)
    }

    static func entry(_ entry: Sourced<RiskEntry>, _ entries: StatusEntries) -> TemplateObject {
        let risk = entry.item
        return entries.located(
            risk.location, entry.page,
            [
                "risk": risk.risk, "score": risk.score, "band": risk.band.rawValue, "likelihood": risk.likelihood, "impact": risk.impact,
                "owner": risk.owner ?? Absent(), "escalate": risk.escalate,
                "review_due": risk.reviewDue?.description ?? Absent(),
                "review_due_relative": risk.reviewDue.map { $0.relative(to: entries.today) } ?? Absent(),
            ])
    }
}
