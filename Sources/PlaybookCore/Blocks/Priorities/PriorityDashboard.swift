/// The priorities on the dashboard: the tasks at P1.
struct PriorityDashboard: DashboardPart {
    typealias Sourced = SiteBlocks.Sourced

    var count: Int
    var p1: [Sourced<PriorityEntry>]

    static func hasItems(in blocks: PageBlocks) -> Bool { !blocks[PriorityEntry.self].isEmpty }

    init(_ site: SiteBlocks, days: StatusSummary.Days) {
        let priorities = site.all(PriorityEntry.self)
        count = priorities.count
        p1 = priorities.filter { $0.item.band == .p1 }
    }

    var headline: (label: String, text: String)? { count > 0 ? ("Priorities", "\(p1.count) of \(count) at P1") : nil }

    var counts: [String: Any] { ["priorities": count, "p1": p1.count] }

    func addLists(to lists: inout StatusLists) {
        let entries = lists.entries
        lists.list("p1", p1, ("task", "tasks")) { entry in
            let item = entry.item
            return entries.located(
                item.location, entry.page,
                [
                    "task": item.task, "score": item.score, "band": item.band.rawValue, "rank": item.rank,
                    "block_title": item.blockTitle ?? Absent(),
                ])
        }
        lists.set("has_priorities", count > 0)
    }
}
