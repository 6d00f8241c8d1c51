import Foundation

/// Reads, scores, ranks and renders a `priorities` block.
struct PriorityBlock: BlockRenderer {
    var name: String { "priorities" }
    var itemTypes: [any BlockItem.Type] { [PriorityEntry.self] }
    var dashboardPart: (any DashboardPart.Type)? { PriorityDashboard.self }

    static let fields = ["task", "impact", "urgency", "effort", "risk", "note"]
    static let levels = ["low": 1, "medium": 2, "high": 3, "critical": 4]
    /// A level left out counts as medium, so a missing rating neither helps nor hurts much.
    static let defaultLevel = 2

    static func score(impact: Int?, urgency: Int?, effort: Int?, risk: Int?, weights: PriorityWeights) -> Int {
        weights.impact * (impact ?? defaultLevel) + weights.urgency * (urgency ?? defaultLevel)
            - weights.effort * (effort ?? defaultLevel) - weights.risk * (risk ?? defaultLevel)
    }

    static func read(_ node: YAMLNode, weights: PriorityWeights, problems: inout [Diagnostic]) -> Priority? {
        guard
            var fields = FieldReader.item(
                node, kind: "priorities", known: Self.fields, shape: "each item must be a mapping with at least 'task'", problems: &problems)
        else { return nil }
        let task = fields.text("task", required: true)
        func level(_ key: String, _ allowed: [String]) -> Int? { fields.choice(key, allowed).flatMap { levels[$0] } }
        let impact = level("impact", ["low", "medium", "high"])
        let urgency = level("urgency", ["low", "medium", "high", "critical"])
        let effort = level("effort", ["low", "medium", "high"])
        let risk = level("risk", ["low", "medium", "high"])
        let note = fields.text("note")
        problems += fields.problems
        guard fields.problems.isEmpty, let task else { return nil }
        return Priority(
            task: task, impact: impact, urgency: urgency, effort: effort, risk: risk, note: note,
            score: score(impact: impact, urgency: urgency, effort: effort, risk: risk, weights: weights), line: node.line)
    }

    /// Highest score first; ties: higher urgency first, then source order.
    static func ranked(_ items: [Priority]) -> [Priority] {
        items.enumerated().sorted { a, b in
            if a.element.score != b.element.score { return a.element.score > b.element.score }
            let ua = a.element.urgency ?? defaultLevel
            let ub = b.element.urgency ?? defaultLevel
            if ua != ub { return ua > ub }
            return a.offset < b.offset
        }.map(\.element)
    }

    static func formula(_ weights: PriorityWeights) -> String {
        "Score = \(weights.impact)·impact + \(weights.urgency)·urgency − \(weights.effort)·effort − \(weights.risk)·risk, "
            + "counting low 1, medium 2, high 3, critical 4 (a missing rating counts as medium). P1: 8 or more · P2: 4 to 7 · P3: 3 or less."
    }

    func render(_ items: [YAMLNode], title: String?, context: BlockContext) -> BlockResult {
        var result = BlockResult()
        let weights = context.config.priorityWeights
        let priorities = items.compactMap { Self.read($0, weights: weights, problems: &result.problems) }
        guard result.problems.isEmpty else { return result }
        let names = [1: "low", 2: "medium", 3: "high", 4: "critical"]
        func word(_ level: Int?) -> String { level.flatMap { names[$0] } ?? "—" }
        var html = "<figure class=\"pb-block pb-priorities\">\n"
        if let title { html += "<figcaption class=\"pb-block-title\">\(escape(title))</figcaption>\n" }
        html += BlockTable.open(label: title ?? "Priorities", columns: ["Rank", "Task", "Impact", "Urgency", "Effort", "Risk", "Score", "Priority"])
        for (rank, item) in Self.ranked(priorities).enumerated() {
            let note = item.note.map { "<br><small>\(context.inline($0))</small>" } ?? ""
            html += "<tr>" + BlockTable.cell("Rank", "\(rank + 1)") + "<th scope=\"row\">\(context.inline(item.task))\(note)</th>"
            html += BlockTable.cell("Impact", word(item.impact)) + BlockTable.cell("Urgency", word(item.urgency))
            html += BlockTable.cell("Effort", word(item.effort)) + BlockTable.cell("Risk", word(item.risk))
            html += BlockTable.cell("Score", "\(item.score)")
            html +=
                BlockTable.cell("Priority", "<span class=\"pb-band pb-band-\(item.band.rawValue.lowercased())\">\(item.band.rawValue)</span>")
                + "</tr>\n"
        }
        html += BlockTable.close() + "<p class=\"pb-formula\">\(escape(Self.formula(weights)))</p>\n</figure>"
        result.html = html
        result.items[PriorityEntry.self] = Self.ranked(priorities).enumerated().map { rank, item in
            PriorityEntry(
                task: context.plain(item.task), score: item.score, band: item.band, rank: rank + 1,
                blockTitle: title, location: context.location(line: item.line))
        }
        return result
    }
}
