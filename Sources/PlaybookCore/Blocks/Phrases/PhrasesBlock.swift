import Foundation

/// Renders a `phrases` block: "Instead of … / Say …".
struct PhrasesBlock: BlockRenderer {
    var name: String { "phrases" }
    var itemTypes: [any BlockItem.Type] { [PhrasesEntry.self] }
    var dashboardPart: (any DashboardPart.Type)? { PhrasesDashboard.self }

    static let fields = ["instead", "say"]

    func render(_ items: [YAMLNode], title: String?, context: BlockContext) -> BlockResult {
        var result = BlockResult()
        result.items[PhrasesEntry.self] = [PhrasesEntry(location: context.location(line: 1))]
        var rows: [(String, String)] = []
        for node in items {
            guard
                var fields = FieldReader.item(
                    node, kind: "phrases", known: Self.fields, shape: "each item must be a mapping with 'instead' and 'say'",
                    problems: &result.problems)
            else { continue }
            let instead = fields.text("instead", required: true)
            let say = fields.text("say", required: true)
            result.problems += fields.problems
            if let instead, let say { rows.append((instead, say)) }
        }
        guard result.problems.isEmpty else { return result }
        var html = "<figure class=\"pb-block pb-phrases\">\n"
        if let title { html += "<figcaption class=\"pb-block-title\">\(escape(title))</figcaption>\n" }
        html += BlockTable.open(label: title ?? "Phrases", columns: ["Instead of", "Say"])
        for (instead, say) in rows {
            html += "<tr><td>\(context.inline(instead))</td><td>\(context.inline(say))</td></tr>\n"
        }
        result.html = html + BlockTable.close() + "</figure>"
        return result
    }
}
