import Foundation

/// The template values that the dashboard parts fill: each list is made when a template first asks
/// for it, and only as far as it is shown, with its `has_NAME` flag and `NAME_more` note.
struct StatusLists {
    /// How entries become template objects (links, source locations).
    let entries: StatusEntries
    /// At most this many entries per list; `NAME_more` then says how many are left out.
    let limit: Int?
    private(set) var values: [String: Any] = [:]
    private(set) var lazy: [String: LazyValue] = [:]

    init(entries: StatusEntries, limit: Int?) {
        self.entries = entries
        self.limit = limit
    }

    /// A list named `name` of `entries` made into template values by `make`; `noun` (one, many) names
    /// what `NAME_more` counts.
    mutating func list<Entry>(_ name: String, _ entries: [Entry], _ noun: (String, String) = ("", ""), _ make: @escaping (Entry) -> Any) {
        let shown = limit.map { Array(entries.prefix($0)) } ?? entries
        lazy[name] = LazyValue { shown.map(make) }
        values["has_" + name] = !entries.isEmpty
        let left = entries.count - shown.count
        values[name + "_more"] = left > 0 ? "and \(left) more \(left == 1 ? noun.0 : noun.1)" : Absent()
    }

    /// A value made when a template first asks for it.
    mutating func lazily(_ name: String, _ make: @escaping () -> Any) { lazy[name] = LazyValue(make) }

    mutating func set(_ name: String, _ value: Any) { values[name] = value }

    /// A flag that several parts may raise (`has_due`): true when any of them does.
    mutating func raise(_ flag: String, _ value: Bool) { values[flag] = (values[flag] as? Bool ?? false) || value }
}

/// Makes template objects of dashboard entries: an entry's own fields plus where it comes from.
struct StatusEntries: @unchecked Sendable {
    /// The link to an item's place, or nil where the output cannot link (a report without `base_url`).
    let link: (ItemLocation) -> String?
    let recorder: LookupRecorder?
    let today: Day

    /// `fields` plus `url`, `page_title`, `page_path` and `source`.
    func located(_ location: ItemLocation, _ page: SiteBlocks.Page, _ fields: [String: Any]) -> TemplateObject {
        var values = fields
        values.reserveCapacity(fields.count + 4)
        values["url"] = link(location) ?? Absent()
        values["page_title"] = page.title
        values["page_path"] = page.path
        values["source"] = "\(location.file):\(location.line)"
        return object(values)
    }

    func object(_ values: [String: Any]) -> TemplateObject { TemplateObject(values, recorder: recorder) }

    /// A page named and linked (pages with scripts or phrases).
    func page(_ page: SiteBlocks.Page) -> TemplateObject {
        object(["page_title": page.title, "url": link(ItemLocation(page: page.path, file: page.source, line: 1, blockLine: 1)) ?? Absent()])
    }
}
