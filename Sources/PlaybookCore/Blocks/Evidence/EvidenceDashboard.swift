/// The evidence on the dashboard and in the report: a grid of evidence counts by skill and month
/// (the last `months` months), the skills with no evidence in the last `staleAfter` days, and the
/// latest items.
struct EvidenceDashboard: DashboardPart {
    typealias Sourced = SiteBlocks.Sourced

    static let months = 6
    var count: Int
    var latest: [Sourced<EvidenceEntry>]
    /// The months of the grid, oldest first (`2026-07`), and each skill's count in each.
    var monthNames: [String]
    var grid: [(skill: String, counts: [Int], last: Day?, stale: Bool)]
    /// Days without evidence after which a skill is flagged (`evidence_stale_after:`).
    var staleAfter: Int

    static func hasItems(in blocks: PageBlocks) -> Bool { !blocks[EvidenceEntry.self].isEmpty }

    init(_ site: SiteBlocks, days: StatusSummary.Days) {
        let items = site.all(EvidenceEntry.self)
        count = items.count
        latest = items.enumerated().sorted { a, b in
            a.element.item.date != b.element.item.date ? a.element.item.date > b.element.item.date : a.offset < b.offset
        }.map(\.element)
        let today = days.today
        let firstMonth = today.adding(months: 1 - Self.months)
        let monthKeys = (0..<Self.months).map { firstMonth.adding(months: $0) }.map { ($0.year, $0.month) }
        monthNames = monthKeys.map { String(Day(year: $0.0, month: $0.1, day: 1).description.prefix(7)) }
        let skills = items.first?.item.siteSkills ?? []
        let staleAfter = items.first?.item.staleAfter ?? 60
        self.staleAfter = staleAfter
        // Skills no longer configured still show while items name them.
        let named =
            skills + items.flatMap(\.item.skills).filter { !skills.contains($0) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        grid = named.map { skill in
            let dates = items.filter { $0.item.skills.contains(skill) }.map(\.item.date).filter { !(today < $0) }
            let counts = monthKeys.map { key in dates.filter { ($0.year, $0.month) == key }.count }
            let last = dates.max()
            return (skill, counts, last, last.map { $0 < today.adding(days: -staleAfter) } ?? true)
        }
    }

    var stale: [String] { grid.filter(\.stale).map(\.skill) }

    var headline: (label: String, text: String)? {
        guard count > 0 else { return nil }
        let flagged = stale
        return ("Evidence", "\(count) \(count == 1 ? "item" : "items")" + (flagged.isEmpty ? "" : " · \(flagged.count) without recent evidence"))
    }

    var counts: [String: Any] { ["evidence": count, "evidence_stale_skills": stale.count] }

    func addLists(to lists: inout StatusLists) {
        let entries = lists.entries
        lists.list("latest_evidence", latest, ("item", "items")) { entry in
            let item = entry.item
            return entries.located(
                item.location, entry.page,
                [
                    "title": item.title, "date": item.date.description, "skills": item.skills.joined(separator: ", "),
                    "impact": item.impact.isEmpty ? Absent() : item.impact.joined(separator: "; "),
                    "date_relative": item.date.relative(to: entries.today),
                ])
        }
        let months = monthNames
        lists.set("evidence_months", months.map { entries.object(["month": $0]) })
        lists.set(
            "evidence_grid",
            grid.map { row in
                entries.object([
                    "skill": row.skill, "stale": row.stale, "last": row.last?.description ?? Absent(),
                    "cells": zip(months, row.counts).map { month, count in
                        entries.object(["month": month, "count": count, "empty": count == 0])
                    },
                ])
            })
        let flagged = stale
        lists.set("evidence_stale", flagged.enumerated().map { entries.object(["skill": $1, "last": $0 == flagged.count - 1]) })
        lists.set("has_evidence_stale", !stale.isEmpty)
        lists.set("evidence_stale_after", staleAfter)
        lists.set("has_evidence", count > 0)
    }
}
