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
        let lists = lists()
        return TemplateObject(lists.values, lazy: lists.lazy, recorder: recorder)
    }

    /// The day and the headline, then what each part of the summary adds.
    private func lists() -> StatusLists {
        let s = summary
        var lists = StatusLists(entries: StatusEntries(link: link, recorder: recorder, today: s.today), limit: limit)
        lists.set("today", s.today.description)
        lists.set("today_long", s.today.long)
        lists.set("window", "\(s.today.short) – \(s.windowEnd.short)")
        lists.set(
            "headline",
            headline().map { line in
                // `padded` lines the texts up in a plain-text report: `KPIs:       6 of 9 met`.
                object(["label": line.0, "text": line.1, "padded": (line.0 + ":").padding(toLength: 12, withPad: " ", startingAt: 0)])
            })
        lists.set("counts", object(s.parts.reduce(into: [String: Any]()) { counts, part in counts.merge(part.counts) { a, _ in a } }))
        for part in s.parts { part.addLists(to: &lists) }
        let entries = lists.entries
        let limit = self.limit
        lists.lazily("part_sections") {
            s.parts.compactMap(\.section).map { section in
                let shown = limit.map { Array(section.entries.prefix($0)) } ?? section.entries
                let left = section.entries.count - shown.count
                return entries.object([
                    "title": section.title, "items": shown.map { entries.located($0.location, $0.page, ["text": $0.text]) },
                    "more": left > 0 ? "and \(left) more" : Absent(),
                ])
            }
        }
        return lists
    }

    /// One line per kind of item the site has: `("KPIs", "6 of 9 met · 1 missed")`.
    func headline() -> [(String, String)] {
        summary.parts.compactMap { $0.headline.map { ($0.label, $0.text) } }
    }

    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    private func object(_ values: [String: Any]) -> TemplateObject { TemplateObject(values, recorder: recorder) }
}
