import Foundation

/// The values templates see of a `StatusSummary`: the dashboard's `dashboard` and the report's `report`.
///
/// Every text is plain and escaped by the template's content type; every list comes with a `has_…`
/// flag, so a template can leave out a heading whose list is empty.
struct StatusModel {
    var summary: StatusSummary
    /// The link to an item's place, or nil where the output cannot link (a report without `base_url`).
    var link: (ItemLocation) -> String?
    /// Where the template lookups on these values are recorded (nil: not recorded).
    var recorder: LookupRecorder?
    /// At most this many entries per list (6 in a one-page report, 100 on the dashboard); `NAME_more`
    /// (and `more` in a KPI group) then says how many are left out.
    var limit: Int?

    /// Entries per list on the dashboard: a page a person reads, not a dump of a data file.
    static let dashboardLimit = 100

    /// The model; the lists are made only when a template asks for them (the home page shows only the
    /// headline, while a large site's KPI lists hold thousands of entries).
    func model() -> TemplateObject {
        var lazy: [String: LazyValue] = [:]
        let values = values(lazy: &lazy)
        return TemplateObject(values, lazy: lazy, recorder: recorder)
    }

    private func values(lazy: inout [String: LazyValue]) -> [String: Any] {
        let s = summary
        var values: [String: Any] = [
            "today": s.today.description,
            "today_long": s.today.long,
            "window": "\(s.today.short) – \(s.windowEnd.short)",
            "headline": headline().map { line in
                // `padded` lines the texts up in a plain-text report: `KPIs:       6 of 9 met`.
                object(["label": line.0, "text": line.1, "padded": (line.0 + ":").padding(toLength: 12, withPad: " ", startingAt: 0)])
            },

            "counts": object([
                "kpis": s.kpiCount, "kpis_met": s.count(.met), "kpis_missed": s.count(.missed), "kpis_no_data": s.count(.noData),
                "kpis_no_target": s.count(.targetNotSet), "kpis_worsening": s.worsening.count, "risks": s.riskCount,
                "risks_escalated": s.escalated.count, "reviews_overdue": s.overdueReviews.count, "priorities": s.priorityCount,
                "p1": s.p1.count, "checklist_done": s.checklistDone, "checklist_total": s.checklistTotal,
                "items_overdue": s.overdueItems.count, "meetings": s.meetings.count,
            ]),
        ]
        // Each list is made when first asked for, and only as far as it is shown.
        func list<Entry>(_ name: String, _ entries: [Entry], _ noun: (String, String) = ("", ""), _ make: @escaping (Entry) -> Any) {
            let shown = limit.map { Array(entries.prefix($0)) } ?? entries
            lazy[name] = LazyValue { shown.map(make) }
            values["has_" + name] = !entries.isEmpty
            let left = entries.count - shown.count
            values[name + "_more"] = left > 0 ? "and \(left) more \(left == 1 ? noun.0 : noun.1)" : Absent()
        }
        let limit = self.limit
        lazy["kpi_groups"] = LazyValue {
            s.kpiGroups.map { group in
                let shown = limit.map { Array(group.kpis.prefix($0)) } ?? group.kpis
                let left = group.kpis.count - shown.count
                return TemplateObject(
                    [
                        "status": group.status.rawValue, "label": group.label, "class": group.status.cssName, "count": group.kpis.count,
                        "is_met": group.status == .met, "more": left > 0 ? "and \(left) more" : Absent(),
                    ], lazy: ["kpis": LazyValue { shown.map(kpi) }], recorder: recorder)
            }
        }
        list("kpis", s.kpiGroups.flatMap(\.kpis), ("KPI", "KPIs"), kpi)
        // KPIs a report lists: every one not met (missed first), then met ones that are getting worse,
        // then met ones whose figures are stale.
        let met = KPIStatus.met
        let metWorsening = s.worsening.filter { $0.item.status == met }
        let worseningNames = Set(metWorsening.map { $0.item.location })
        let metStale = s.kpiGroups.filter { $0.status == met }.flatMap(\.kpis).filter {
            $0.item.staleSince != nil && !worseningNames.contains($0.item.location)
        }
        list("attention", s.kpiGroups.filter { $0.status != met }.flatMap(\.kpis) + metWorsening + metStale, ("KPI", "KPIs"), kpi)
        list("worsening", s.worsening, ("KPI", "KPIs"), kpi)
        list("escalated", s.escalated, ("risk", "risks"), risk)
        list("overdue_reviews", s.overdueReviews, ("review", "reviews"), risk)
        list("reviews_due", s.reviewsDue, ("risk review due", "risk reviews due"), risk)
        list("p1", s.p1, ("task", "tasks"), priority)
        list("progress", s.progress, ("page", "pages"), progress)
        list("overdue_items", s.overdueItems, ("overdue item", "overdue items"), item)
        list("items_due", s.itemsDue, ("item due", "items due"), item)
        list("meetings", s.meetings, ("meeting", "meetings"), meeting)
        list("scripts", s.scriptPages, ("", ""), page)
        list("phrases", s.phrasePages, ("", ""), page)
        values["has_risks"] = s.riskCount > 0
        values["has_priorities"] = s.priorityCount > 0
        values["has_more"] = !(s.scriptPages.isEmpty && s.phrasePages.isEmpty)
        values["has_due"] = !(s.meetings.isEmpty && s.itemsDue.isEmpty && s.reviewsDue.isEmpty)
        return values
    }

    /// One line per kind of item the site has: `("KPIs", "6 of 9 met · 1 missed")`.
    func headline() -> [(String, String)] {
        let s = summary
        var lines: [(String, String)] = []
        if s.kpiCount > 0 {
            var parts = ["\(s.count(.met)) of \(s.kpiCount) met"]
            if s.count(.missed) > 0 { parts.append("\(s.count(.missed)) missed") }
            if s.count(.noData) > 0 { parts.append("\(s.count(.noData)) without data") }
            if s.count(.targetNotSet) > 0 { parts.append("\(s.count(.targetNotSet)) without target") }
            if !s.worsening.isEmpty { parts.append("\(s.worsening.count) worsening") }
            lines.append(("KPIs", parts.joined(separator: " · ")))
        }
        if s.riskCount > 0 {
            var parts = ["\(s.escalated.count) of \(s.riskCount) to escalate"]
            if !s.overdueReviews.isEmpty { parts.append("\(Self.count(s.overdueReviews.count, "review")) overdue") }
            lines.append(("Risks", parts.joined(separator: " · ")))
        }
        if s.priorityCount > 0 {
            lines.append(("Priorities", "\(s.p1.count) of \(s.priorityCount) at P1"))
        }
        if s.checklistTotal > 0 {
            var parts = ["\(s.checklistDone) of \(s.checklistTotal) items done"]
            if !s.overdueItems.isEmpty { parts.append("\(s.overdueItems.count) overdue") }
            lines.append(("Checklists", parts.joined(separator: " · ")))
        }
        if !s.meetings.isEmpty {
            let count = s.meetings.reduce(0) { $0 + $1.days.count }
            let unscheduled = s.meetings.filter(\.days.isEmpty).count
            lines.append(("Meetings", "\(count) in the next 7 days" + (unscheduled > 0 ? " · \(unscheduled) without a start time" : "")))
        }
        return lines
    }

    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    /// `target not set` → `target-not-set`.

    /// An entry's own fields plus where it comes from: `url`, `page_title`, `page_path` and `source`.
    private func located(_ location: ItemLocation, _ page: SiteBlocks.Page, _ fields: [String: Any]) -> TemplateObject {
        var values = fields
        values.reserveCapacity(fields.count + 4)
        values["url"] = link(location) ?? Absent()
        values["page_title"] = page.title
        values["page_path"] = page.path
        values["source"] = "\(location.file):\(location.line)"
        return object(values)
    }

    private func object(_ values: [String: Any]) -> TemplateObject { TemplateObject(values, recorder: recorder) }

    private func kpi(_ entry: SiteBlocks.Sourced<KPIEntry>) -> TemplateObject {
        let kpi = entry.item
        let status = kpi.status
        return located(
            kpi.location, entry.page,
            [
                "name": kpi.name, "group": kpi.group ?? Absent(), "target": kpi.target ?? Absent(), "actual": kpi.actual ?? Absent(),
                "status": kpi.status.rawValue, "status_label": status.label, "is_met": status == .met,
                "has_target": kpi.target != nil && status != .targetNotSet, "status_class": status.cssName,
                "trend": kpi.trend?.rawValue ?? Absent(),
                "history": kpi.points.count >= 2 ? kpi.points.joined(separator: " → ") : Absent(),
                "stale": kpi.staleSince != nil, "stale_since": kpi.staleSince.map { "\($0)" } ?? Absent(),
            ])
    }

    private func risk(_ entry: SiteBlocks.Sourced<RiskEntry>) -> TemplateObject {
        let risk = entry.item
        return located(
            risk.location, entry.page,
            [
                "risk": risk.risk, "score": risk.score, "band": risk.band.rawValue, "likelihood": risk.likelihood, "impact": risk.impact,
                "owner": risk.owner ?? Absent(), "escalate": risk.escalate,
                "review_due": risk.reviewDue?.description ?? Absent(),
                "review_due_relative": risk.reviewDue.map { $0.relative(to: summary.today) } ?? Absent(),
            ])
    }

    private func priority(_ entry: SiteBlocks.Sourced<PriorityEntry>) -> TemplateObject {
        let item = entry.item
        return located(
            item.location, entry.page,
            [
                "task": item.task, "score": item.score, "band": item.band.rawValue, "rank": item.rank, "block_title": item.blockTitle ?? Absent(),
            ])
    }

    private func progress(_ progress: StatusSummary.Progress) -> TemplateObject {
        let lists = progress.lists
        return located(
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

    private func item(_ entry: SiteBlocks.Sourced<ChecklistEntry.Item>) -> TemplateObject {
        let item = entry.item
        return located(
            item.location, entry.page,
            [
                "text": item.text, "due": item.due?.description ?? Absent(),
                "due_relative": item.due.map { $0.relative(to: summary.today) } ?? Absent(),
                "owner": item.owner ?? Absent(), "day": item.day ?? Absent(),
            ])
    }

    private func meeting(_ upcoming: StatusSummary.UpcomingMeeting) -> TemplateObject {
        let meeting = upcoming.meeting.item
        return located(
            meeting.location, upcoming.meeting.page,
            [
                "name": meeting.name, "every": meeting.every ?? Absent(), "days": upcoming.days.isEmpty ? Absent() : Self.days(upcoming.days),
                "time": meeting.start?.time ?? Absent(), "duration": meeting.minutes.map(Self.duration) ?? Absent(),
                "audience": meeting.audience ?? Absent(), "unscheduled": upcoming.days.isEmpty,
            ])
    }

    private func page(_ page: SiteBlocks.Page) -> TemplateObject {
        object(["page_title": page.title, "url": link(ItemLocation(page: page.path, file: page.source, line: 1, blockLine: 1)) ?? Absent()])
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
