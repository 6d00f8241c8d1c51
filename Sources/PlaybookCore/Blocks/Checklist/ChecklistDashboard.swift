/// The checklists on the dashboard: progress per page (all its lists together), overdue items and
/// items due in the next 7 days.
struct ChecklistDashboard: DashboardPart {
    typealias Sourced = SiteBlocks.Sourced

    /// Checklist progress of one page, all its lists together.
    struct Progress: Sendable {
        public var page: SiteBlocks.Page
        public var lists: [ChecklistEntry]
        public var done: Int { lists.reduce(0) { $0 + $1.items.filter(\.done).count } }
        public var total: Int { lists.reduce(0) { $0 + $1.items.count } }
    }

    var progress: [Progress]
    var overdueItems: [Sourced<ChecklistEntry.Item>]
    var itemsDue: [Sourced<ChecklistEntry.Item>]

    static func hasItems(in blocks: PageBlocks) -> Bool { !blocks[ChecklistEntry.self].isEmpty }

    init(_ site: SiteBlocks, days: StatusSummary.Days) {
        progress = site.pages.filter { !$0.blocks[ChecklistEntry.self].isEmpty }.map { Progress(page: $0, lists: $0.blocks[ChecklistEntry.self]) }
        let items = site.all(ChecklistEntry.self).flatMap { list in list.item.items.map { Sourced(item: $0, page: list.page) } }
        let open = items.filter { !$0.item.done }
        overdueItems = open.filter { $0.item.due.map { $0 < days.today } ?? false }
        itemsDue = open.filter { $0.item.due.map { days.window.contains($0) } ?? false }.sorted { $0.item.due! < $1.item.due! }
    }

    var done: Int { progress.reduce(0) { $0 + $1.done } }
    var total: Int { progress.reduce(0) { $0 + $1.total } }

    var headline: (label: String, text: String)? {
        guard total > 0 else { return nil }
        var parts = ["\(done) of \(total) items done"]
        if !overdueItems.isEmpty { parts.append("\(overdueItems.count) overdue") }
        return ("Checklists", parts.joined(separator: " · "))
    }

    var counts: [String: Any] { ["checklist_done": done, "checklist_total": total, "items_overdue": overdueItems.count] }

    func addLists(to lists: inout StatusLists) {
        let entries = lists.entries
        lists.list("progress", progress, ("page", "pages")) { progress in
            let lists = progress.lists
            return entries.located(
                lists[0].location, progress.page,
                [
                    "done": progress.done, "total": progress.total,
                    "percent": progress.total == 0 ? 0 : progress.done * 100 / progress.total,
                    // What the dashboard's script needs to count ticks saved in this browser.
                    "item_ids": lists.flatMap(\.items).map(\.id).joined(separator: " "),
                    "done_ids": lists.flatMap(\.items).filter(\.done).map(\.id).joined(separator: " "),
                    "lists": lists.count,
                ])
        }
        let item = { (entry: Sourced<ChecklistEntry.Item>) -> Any in
            let item = entry.item
            return entries.located(
                item.location, entry.page,
                [
                    "text": item.text, "due": item.due?.description ?? Absent(),
                    "due_relative": item.due.map { $0.relative(to: entries.today) } ?? Absent(),
                    "owner": item.owner ?? Absent(), "day": item.day ?? Absent(),
                ])
        }
        lists.list("overdue_items", overdueItems, ("overdue item", "overdue items"), item)
        lists.list("items_due", itemsDue, ("item due", "items due"), item)
        lists.raise("has_due", !itemsDue.isEmpty)
    }
}
