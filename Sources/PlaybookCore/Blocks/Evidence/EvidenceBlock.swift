import Foundation

/// Reads and renders an `evidence` block: story cards, newest first, each with the story told as a
/// sentence to say (with a Copy button) and as a resume bullet.
struct EvidenceBlock: BlockRenderer {
    var name: String { "evidence" }
    var itemTypes: [any BlockItem.Type] { [EvidenceEntry.self] }
    var dashboardPart: (any DashboardPart.Type)? { EvidenceDashboard.self }

    static let fields = ["date", "title", "skills", "problem", "action", "outcome", "lesson", "impact", "links"]

    static func read(_ node: YAMLNode, config: SiteConfig, problems: inout [Diagnostic]) -> Evidence? {
        guard
            var fields = FieldReader.item(
                node, kind: "evidence", known: Self.fields, shape: "each item must be a mapping with 'date', 'title' and 'skills'",
                problems: &problems)
        else { return nil }
        let date = fields.day("date")
        if node["date"] == nil { fields.fail(node.line, "evidence: missing required field 'date'") }
        let title = fields.text("title", required: true)
        let skills = Self.skills(&fields, node: node, known: config.skills)
        let impact = (fields.list("impact") ?? []).compactMap { entry -> Evidence.Impact? in
            guard let figure = Evidence.Impact(entry.text) else {
                fields.fail(
                    entry.line,
                    "evidence: impact '\(entry.text)' must be 'what: figure' or 'what: before -> after' with numbers (p95 latency: 310ms -> 180ms)")
                return nil
            }
            return figure
        }
        let item = Evidence(
            date: date ?? Day(unixTime: 0), title: title ?? "", skills: skills, problem: fields.text("problem"), action: fields.text("action"),
            outcome: fields.text("outcome"), lesson: fields.text("lesson"), impact: impact, links: (fields.list("links") ?? []).map(\.text),
            line: node.line)
        problems += fields.problems
        return fields.problems.isEmpty ? item : nil
    }

    /// The item's skills as the site names them; an unknown one is an error with the closest names.
    private static func skills(_ fields: inout FieldReader, node: YAMLNode, known: [String]) -> [String] {
        if node["skills"] == nil {
            fields.fail(node.line, "evidence: missing required field 'skills' (one or more of: \(known.joined(separator: ", ")))")
            return []
        }
        // `skills: ownership` is one skill.
        let written = node["skills"]?.scalarText.map { [($0, node["skills"]!.line)] } ?? fields.list("skills") ?? []
        if written.isEmpty { fields.fail(node["skills"]?.line ?? node.line, "evidence: 'skills' must name at least one skill") }
        var found: [String] = []
        for (name, line) in written {
            if let skill = known.first(where: { $0.lowercased() == name.trimmedSpaces.lowercased() }) {
                if !found.contains(skill) { found.append(skill) }
                continue
            }
            let close = known.filter { EditDistance.between($0.lowercased(), name.lowercased()) <= 3 }
            fields.fail(
                line,
                "evidence: unknown skill '\(name)'" + (close.first.map { "; did you mean '\($0)'?" } ?? "")
                    + " (skills: \(known.joined(separator: ", ")); set them with 'skills:' in playbook.yml)")
        }
        return found
    }

    /// Newest first; ties keep source order.
    static func sorted(_ items: [Evidence]) -> [Evidence] {
        items.enumerated().sorted { a, b in a.element.date != b.element.date ? a.element.date > b.element.date : a.offset < b.offset }.map(\.element)
    }

    /// The story as one might tell it in a review or an interview.
    static func sentence(_ item: Evidence) -> String {
        var parts: [String] = []
        if let problem = item.problem { parts.append(sentenceCase(problem)) }
        if let action = item.action { parts.append("What I did: " + lowerFirst(sentenceCase(action))) }
        let figures = item.impact.map(\.text).joined(separator: "; ")
        if let outcome = item.outcome {
            let ending = figures.isEmpty ? "" : " (\(figures))"
            parts.append("The result: " + lowerFirst(String(sentenceCase(outcome).dropLast())) + ending + ".")
        } else if !figures.isEmpty {
            parts.append("The result: \(figures).")
        }
        if let lesson = item.lesson { parts.append("What I took from it: " + lowerFirst(sentenceCase(lesson))) }
        return parts.isEmpty ? item.title + "." : parts.joined(separator: " ")
    }

    /// The action and its measured outcome, as a line of a resume.
    static func bullet(_ item: Evidence) -> String {
        let what = String(sentenceCase(item.action ?? item.title).dropLast())
        let result = item.impact.isEmpty ? item.outcome.map { String(sentenceCase($0).dropLast()) } : item.impact.map(\.text).joined(separator: "; ")
        return what + (result.map { ": " + lowerFirst($0) } ?? "") + "."
    }

    /// Trimmed, starting with a capital letter and ending with a full stop (or its own `.`, `!`, `?`).
    static func sentenceCase(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let first = trimmed.first else { return "" }
        let capital = first.uppercased() + trimmed.dropFirst()
        return [".", "!", "?"].contains(capital.last) ? capital : capital + "."
    }

    /// The first letter in lower case, unless the word is an acronym or a name in capitals (`API`, `CI`).
    static func lowerFirst(_ text: String) -> String {
        let word = text.prefix { $0.isLetter }
        guard word.count > 1 ? word.dropFirst().allSatisfy(\.isLowercase) : true, let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }

    func render(_ items: [YAMLNode], title: String?, context: BlockContext) -> BlockResult {
        var result = BlockResult()
        let read = items.compactMap { Self.read($0, config: context.config, problems: &result.problems) }
        guard result.problems.isEmpty else { return result }
        var html = "<figure class=\"pb-block pb-evidence\">\n"
        if let title { html += "<figcaption class=\"pb-block-title\">\(escape(title))</figcaption>\n" }
        for item in Self.sorted(read) {
            let id = "\(context.ids.prefix)pb-evidence-\(context.ids.next("evidence"))"
            html += "<article class=\"pb-evidence-item\" id=\"\(id)\">\n"
            html +=
                "<p class=\"pb-evidence-head\"><strong>\(context.inline(item.title))</strong> <time datetime=\"\(item.date)\">\(item.date)</time></p>\n"
            html += "<ul class=\"pb-evidence-skills\" aria-label=\"Skills\">" + item.skills.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
            let story = [("Problem", item.problem), ("Action", item.action), ("Outcome", item.outcome), ("Lesson", item.lesson)]
                .compactMap { label, text in text.map { "<dt>\(label)</dt><dd>\(context.inline($0))</dd>" } }
            if !story.isEmpty { html += "<dl class=\"pb-evidence-story\">" + story.joined() + "</dl>\n" }
            if !item.impact.isEmpty {
                html += "<ul class=\"pb-evidence-impact\" aria-label=\"Impact\">"
                for figure in item.impact {
                    html += "<li><span>\(escape(figure.label))</span> "
                    html += (figure.before.map { "<del>\(escape($0))</del> → " } ?? "") + "<strong>\(escape(figure.after))</strong></li>"
                }
                html += "</ul>\n"
            }
            if !item.links.isEmpty {
                let links = item.links.map { context.inline($0.contains("](") ? $0 : "[\($0)](\($0))") }
                html += "<p class=\"pb-evidence-links\">See " + links.joined(separator: ", ") + "</p>\n"
            }
            html += "<div class=\"pb-script pb-evidence-say\">\n<p class=\"pb-evidence-label\">Say it</p>\n"
            html += "<blockquote class=\"pb-script-text\">\n<p>\(escape(context.plain(Self.sentence(item))))</p>\n</blockquote>\n"
            html += "<p class=\"pb-script-actions\"><button type=\"button\" class=\"pb-copy\" hidden>Copy</button></p>\n</div>\n"
            html +=
                "<p class=\"pb-evidence-bullet\"><span class=\"pb-evidence-label\">Resume bullet</span> \(escape(context.plain(Self.bullet(item))))</p>\n"
            html += "</article>\n"
        }
        result.html = html + "</figure>"
        result.searchText = read.map { [$0.title, $0.problem, $0.action, $0.outcome, $0.lesson].compactMap { $0 }.joined(separator: " ") }.joined(
            separator: " ")
        result.items[EvidenceEntry.self] = Self.sorted(read).map { item in
            EvidenceEntry(
                date: item.date, title: context.plain(item.title), skills: item.skills, impact: item.impact.map(\.text),
                outcome: item.outcome.map(context.plain), siteSkills: context.config.skills, staleAfter: context.config.evidenceStaleAfter,
                location: context.location(line: item.line))
        }
        return result
    }
}
