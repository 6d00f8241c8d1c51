import Foundation

/// A piece of script text: plain words, or a `[Placeholder]`.
enum ScriptPart: Equatable {
    case text(String)
    case placeholder(String)

    /// Splits text at `[Name]` placeholders (one line, no nested brackets, at most 60 characters).
    static func parse(_ text: String) -> [ScriptPart] {
        var parts: [ScriptPart] = []
        var plain = ""
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "[", let close = text[index...].dropFirst().firstIndex(where: { "[]\n".contains($0) }),
                text[close] == "]", text.distance(from: index, to: close) > 1, text.distance(from: index, to: close) <= 61
            {
                if !plain.isEmpty { parts.append(.text(plain)) }
                plain = ""
                parts.append(.placeholder(String(text[text.index(after: index)..<close])))
                index = text.index(after: close)
            } else {
                plain.append(text[index])
                index = text.index(after: index)
            }
        }
        if !plain.isEmpty { parts.append(.text(plain)) }
        return parts
    }

    /// Distinct placeholder names in order of first appearance.
    static func placeholders(in parts: [ScriptPart]) -> [String] {
        var seen: [String] = []
        for case .placeholder(let name) in parts where !seen.contains(name) { seen.append(name) }
        return seen
    }
}

/// Renders a `script` block: text with highlighted placeholders, a fill-in form and a Copy button.
struct ScriptBlock: BlockRenderer {
    var name: String { "script" }
    var itemTypes: [any BlockItem.Type] { [ScriptEntry.self] }
    var dashboardPart: (any DashboardPart.Type)? { ScriptDashboard.self }

    static let fields = ["title", "text", "values"]

    var extraOptions: [String] { ["values"] }
    func takesAsItem(_ mapping: YAMLNode) -> Bool { mapping["text"] != nil }
    // A script mapping without `text:` (only `title:`, say) lacks its words, not a list.
    func missingItems(kind: String) -> String { "script: a script needs 'text:' (the words, with [Placeholders])" }

    func render(_ items: [YAMLNode], title: String?, context: BlockContext) -> BlockResult {
        var result = BlockResult()
        result.items[ScriptEntry.self] = [ScriptEntry(location: context.location(line: 1))]
        for node in items {
            guard
                var fields = FieldReader.item(
                    node, kind: "script", known: Self.fields, shape: "must be a mapping with 'text'", problems: &result.problems)
            else { continue }
            let text = fields.text("text", required: true)
            let scriptTitle = fields.text("title") ?? title
            let values = context.pageVars.merging(fields.strings("values") ?? [:]) { _, own in own }
            result.problems += fields.problems
            guard let text, fields.problems.isEmpty else { continue }
            result.html += Self.html(text: text, title: scriptTitle, values: values, context: context)
        }
        if !result.problems.isEmpty { result.html = "" }
        return result
    }

    static func html(text: String, title: String?, values: [String: String], context: BlockContext) -> String {
        let number = context.ids.next("script")
        let id = "\(context.ids.prefix)pb-script-\(number)"
        let parts = ScriptPart.parse(text.trimmingCharacters(in: .whitespacesAndNewlines))
        let names = ScriptPart.placeholders(in: parts)
        var html = "<figure class=\"pb-block pb-script\" id=\"\(id)\">\n"
        if let title { html += "<figcaption class=\"pb-block-title\">\(escape(title))</figcaption>\n" }
        if !names.isEmpty {
            html += "<form class=\"pb-script-form\" hidden>\n"
            for (index, name) in names.enumerated() {
                let field = "\(id)-field-\(index + 1)"
                html +=
                    "<label for=\"\(field)\">\(escape(name))</label><input id=\"\(field)\" type=\"text\" data-pb-slot=\"\(escape(name))\" value=\"\(escape(values[name] ?? ""))\" placeholder=\"\(escape(name))\">\n"
            }
            html += "</form>\n"
        }
        html += "<blockquote class=\"pb-script-text\">\n<p>"
        for part in parts {
            switch part {
            case .text(let plain):
                html += escape(plain).components(separatedBy: "\n\n")
                    .map { $0.replacingOccurrences(of: "\n", with: "<br>\n") }
                    .joined(separator: "</p>\n<p>")
            case .placeholder(let name):
                let filled = values[name].map(escape) ?? "[\(escape(name))]"
                html += "<mark class=\"pb-slot\" data-pb-slot=\"\(escape(name))\">\(filled)</mark>"
            }
        }
        html += "</p>\n</blockquote>\n<p class=\"pb-script-actions\"><button type=\"button\" class=\"pb-copy\" hidden>Copy</button></p>\n</figure>"
        return html
    }
}
