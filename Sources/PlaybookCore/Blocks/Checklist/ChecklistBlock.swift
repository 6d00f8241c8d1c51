import Foundation

/// Reads and renders checklists; the same markup serves `[ ]` lists in ordinary Markdown.
struct ChecklistBlock: BlockRenderer {
    var name: String { "checklist" }
    var itemTypes: [any BlockItem.Type] { [ChecklistEntry.self] }
    var dashboardPart: (any DashboardPart.Type)? { ChecklistDashboard.self }

    static let fields = ["text", "done", "owner", "due", "day", "id"]

    static func read(_ node: YAMLNode, context: BlockContext, problems: inout [Diagnostic]) -> ChecklistItem? {
        let ids = context.ids
        if let text = node.scalarText {
            return ChecklistItem(text: text, done: false, id: ids.unique(context.markdown.plainText(text)), line: node.line)
        }
        guard
            var fields = FieldReader.item(
                node, kind: "checklist", known: Self.fields, shape: "each item must be text or a mapping with 'text'", problems: &problems)
        else { return nil }
        let text = fields.text("text", required: true)
        let item = ChecklistItem(
            text: text ?? "", done: fields.bool("done") ?? false, owner: fields.text("owner"), due: fields.day("due"),
            day: fields.text("day"), id: ids.unique(fields.text("id") ?? context.markdown.plainText(text ?? "item")), line: node.line)
        problems += fields.problems
        return fields.problems.isEmpty ? item : nil
    }

    func render(_ items: [YAMLNode], title: String?, context: BlockContext) -> BlockResult {
        var result = BlockResult()
        let entries = items.compactMap { Self.read($0, context: context, problems: &result.problems) }
        guard result.problems.isEmpty else { return result }
        let markup = Self.wrapper(entries, title: title, context: context)
        var html = markup.before + "<ul class=\"pb-checklist-items\">\n"
        for (entry, open) in zip(entries, markup.itemOpen) {
            html += "<li\(Self.itemClass(entry, context))>\(open)\(context.inline(entry.text))\(markup.itemClose)\(Self.meta(entry, context))</li>\n"
        }
        result.html = html + "</ul>\n" + markup.after
        result.items[ChecklistEntry.self] = [Self.entry(entries, title: title, listID: markup.listID, line: items.first?.line ?? 1, context: context)]
        return result
    }

    /// The dashboard's view of one checklist; it links to the list itself.
    static func entry(_ items: [ChecklistItem], title: String?, listID: String, line: Int, context: BlockContext) -> ChecklistEntry {
        var location = context.location(line: line)
        location.anchor = listID
        return ChecklistEntry(
            title: title,
            items: items.map { item in
                var itemLocation = location
                itemLocation.line = item.line
                return ChecklistEntry.Item(
                    text: context.plain(item.text), done: item.done, due: item.due, owner: item.owner, day: item.day, id: item.id,
                    location: itemLocation)
            }, location: location)
    }

    static func itemClass(_ item: ChecklistItem, _ context: BlockContext) -> String {
        isOverdue(item, context) ? " class=\"pb-overdue\"" : ""
    }

    static func isOverdue(_ item: ChecklistItem, _ context: BlockContext) -> Bool {
        guard let due = item.due, !item.done else { return false }
        return due < context.buildDate
    }

    /// Day, owner and due date after the label.
    static func meta(_ item: ChecklistItem, _ context: BlockContext) -> String {
        var parts: [String] = []
        if let day = item.day { parts.append(escape(day)) }
        if let owner = item.owner { parts.append("Owner: \(escape(owner))") }
        if let due = item.due {
            parts.append(isOverdue(item, context) ? "<strong class=\"pb-flag-overdue\">Overdue: due \(due)</strong>" : "Due \(due)")
        }
        return parts.isEmpty ? "" : " <span class=\"pb-item-meta\">\(parts.joined(separator: " · "))</span>"
    }

    /// The progress bar, count and reset button around a list, and each item's checkbox.
    static func wrapper(_ items: [ChecklistItem], title: String?, context: BlockContext) -> (
        before: String, after: String, itemOpen: [String], itemClose: String, listID: String
    ) {
        let done = items.filter(\.done).count
        let listID = "\(context.ids.prefix)pb-checklist-\(context.ids.next("checklist"))"
        var before = "<div class=\"pb-block pb-checklist\" id=\"\(listID)\" data-pb-page=\"\(escape(context.pagePath))\">\n"
        if let title { before += "<p class=\"pb-block-title\">\(escape(title))</p>\n" }
        before +=
            "<div class=\"pb-progress\"><progress max=\"\(items.count)\" value=\"\(done)\" aria-label=\"Checklist progress\">\(done) of \(items.count)</progress> "
        before += "<span class=\"pb-count\" aria-live=\"polite\">\(done) of \(items.count) done</span> "
        before += "<button type=\"button\" class=\"pb-reset\" hidden>Reset</button></div>\n"
        let opens = items.map { item in
            "<label><input type=\"checkbox\" data-pb-item=\"\(escape(item.id))\"\(item.done ? " checked" : "")\(item.done ? " data-pb-default=\"1\"" : "")> "
        }
        return (before, "</div>", opens, "</label>", listID)
    }
}
