/// The KPIs on the dashboard: grouped by status (missed first), those getting worse, and in the report
/// those needing attention.
struct KPIDashboard: DashboardPart {
    typealias Sourced = SiteBlocks.Sourced

    struct Group: Sendable {
        var status: KPIStatus
        var label: String
        var kpis: [Sourced<KPIEntry>]
    }

    var groups: [Group]
    var count: Int
    var worsening: [Sourced<KPIEntry>]

    static let statusOrder: [KPI.Status] = [.missed, .noData, .targetNotSet, .met]

    static func hasItems(in blocks: PageBlocks) -> Bool { !blocks[KPIEntry.self].isEmpty }

    init(_ site: SiteBlocks, days: StatusSummary.Days) {
        let kpis = site.all(KPIEntry.self)
        count = kpis.count
        groups = Self.statusOrder.compactMap { status in
            let members = kpis.filter { $0.item.status == status }
            return members.isEmpty ? nil : Group(status: status, label: status.label, kpis: members)
        }
        worsening = kpis.filter { $0.item.trend == .worsening }
    }

    func count(_ status: KPI.Status) -> Int {
        groups.first { $0.status == status }?.kpis.count ?? 0
    }

    var headline: (label: String, text: String)? {
        guard count > 0 else { return nil }
        var parts = ["\(count(.met)) of \(count) met"]
        if count(.missed) > 0 { parts.append("\(count(.missed)) missed") }
        if count(.noData) > 0 { parts.append("\(count(.noData)) without data") }
        if count(.targetNotSet) > 0 { parts.append("\(count(.targetNotSet)) without target") }
        if !worsening.isEmpty { parts.append("\(worsening.count) worsening") }
        return ("KPIs", parts.joined(separator: " · "))
    }

    var counts: [String: Any] {
        [
            "kpis": count, "kpis_met": count(.met), "kpis_missed": count(.missed), "kpis_no_data": count(.noData),
            "kpis_no_target": count(.targetNotSet), "kpis_worsening": worsening.count,
        ]
    }

    func addLists(to lists: inout StatusLists) {
        let (entries, limit, groups) = (lists.entries, lists.limit, groups)
        let kpi = { (entry: Sourced<KPIEntry>) in Self.entry(entry, entries) }
        lists.lazily("kpi_groups") {
            groups.map { group in
                let shown = limit.map { Array(group.kpis.prefix($0)) } ?? group.kpis
                let left = group.kpis.count - shown.count
                return TemplateObject(
                    [
                        "status": group.status.rawValue, "label": group.label, "class": group.status.cssName, "count": group.kpis.count,
                        "is_met": group.status == .met, "more": left > 0 ? "and \(left) more" : Absent(),
                    ], lazy: ["kpis": LazyValue { shown.map(kpi) }], recorder: entries.recorder)
            }
        }
        lists.list("kpis", groups.flatMap(\.kpis), ("KPI", "KPIs"), kpi)
        // KPIs a report lists: every one not met (missed first), then met ones that are getting worse,
        // then met ones whose figures are stale.
        let met = KPIStatus.met
        let metWorsening = worsening.filter { $0.item.status == met }
        let worseningNames = Set(metWorsening.map { $0.item.location })
        let metStale = groups.filter { $0.status == met }.flatMap(\.kpis).filter {
            $0.item.staleSince != nil && !worseningNames.contains($0.item.location)
        }
        lists.list("attention", groups.filter { $0.status != met }.flatMap(\.kpis) + metWorsening + metStale, ("KPI", "KPIs"), kpi)
        lists.list("worsening", worsening, ("KPI", "KPIs"), kpi)
    }

    static func entry(_ entry: Sourced<KPIEntry>, _ entries: StatusEntries) -> TemplateObject {
        let kpi = entry.item
        let status = kpi.status
        return entries.located(
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
}
