import Foundation

/// Reads, scores and renders a `risks` block: a register sorted by score and a 5×5 heat map.
struct RiskBlock: BlockRenderer {
    var name: String { "risks" }
    var itemTypes: [any BlockItem.Type] { [RiskEntry.self] }
    var dashboardPart: (any DashboardPart.Type)? { RiskDashboard.self }

    static let fields = ["risk", "likelihood", "impact", "owner", "mitigation", "review", "reviewed", "escalate_at"]
    static let levelWords = ["low": 1, "medium": 3, "high": 5]
    static let reviewPeriods = ["weekly", "biweekly", "monthly", "quarterly"]

    static func read(_ node: YAMLNode, config: SiteConfig, problems: inout [Diagnostic]) -> Risk? {
        guard
            var fields = FieldReader.item(
                node, kind: "risks", known: Self.fields, shape: "each item must be a mapping with at least 'risk'", problems: &problems)
        else { return nil }
        let risk = fields.text("risk", required: true)
        let likelihood = fields.level("likelihood", range: 1...5, words: levelWords, required: true)
        let impact = fields.level("impact", range: 1...5, words: levelWords, required: true)
        let item = Risk(
            risk: risk ?? "", likelihood: likelihood ?? 1, impact: impact ?? 1, owner: fields.text("owner"),
            mitigation: fields.text("mitigation"), review: fields.choice("review", reviewPeriods), reviewed: fields.day("reviewed"),
            escalateAt: fields.int("escalate_at", range: 1...25) ?? config.escalateAt, line: node.line)
        problems += fields.problems
        return fields.problems.isEmpty ? item : nil
    }

    /// Highest score first; ties keep source order.
    static func sorted(_ risks: [Risk]) -> [Risk] {
        risks.enumerated().sorted { a, b in
            a.element.score != b.element.score ? a.element.score > b.element.score : a.offset < b.offset
        }.map(\.element)
    }

    static func band(_ score: Int, _ bands: RiskBands) -> RiskBand {
        score >= bands.critical ? .critical : score >= bands.high ? .high : score >= bands.medium ? .medium : .low
    }

    /// The day a review falls due: `reviewed` plus the review period.
    static func reviewDue(_ risk: Risk) -> Day? {
        guard let reviewed = risk.reviewed, let review = risk.review else { return nil }
        switch review {
        case "weekly": return reviewed.adding(days: 7)
        case "biweekly": return reviewed.adding(days: 14)
        case "monthly": return reviewed.adding(months: 1)
        default: return reviewed.adding(months: 3)
        }
    }

    static func isReviewOverdue(_ risk: Risk, today: Day) -> Bool {
        reviewDue(risk).map { $0 < today } ?? false
    }

    func render(_ items: [YAMLNode], title: String?, context: BlockContext) -> BlockResult {
        var result = BlockResult()
        let risks = items.compactMap { Self.read($0, config: context.config, problems: &result.problems) }
        guard result.problems.isEmpty else { return result }
        let bands = context.config.riskBands
        var html = "<figure class=\"pb-block pb-risks\">\n"
        if let title { html += "<figcaption class=\"pb-block-title\">\(escape(title))</figcaption>\n" }
        html += BlockTable.open(label: title ?? "Risk register", columns: ["Risk", "Likelihood", "Impact", "Score", "Owner", "Mitigation", "Review"])
        for risk in Self.sorted(risks) {
            let band = Self.band(risk.score, bands)
            var flags: [String] = []
            if risk.score >= risk.escalateAt { flags.append("<strong class=\"pb-flag pb-flag-escalate\">Escalate</strong>") }
            if Self.isReviewOverdue(risk, today: context.buildDate) {
                flags.append("<strong class=\"pb-flag pb-flag-overdue\">Review overdue</strong>")
            }
            let review = [risk.review.map { escape($0) }, risk.reviewed.map { "last \($0)" }].compactMap { $0 }.joined(separator: ", ")
            html += "<tr><th scope=\"row\">\(context.inline(risk.risk))\(flags.isEmpty ? "" : "<br>" + flags.joined(separator: " "))</th>"
            html += BlockTable.cell("Likelihood", "\(risk.likelihood)") + BlockTable.cell("Impact", "\(risk.impact)")
            html += BlockTable.cell("Score", "<span class=\"pb-band pb-band-\(band.rawValue)\">\(risk.score) \(band.rawValue)</span>")
            html +=
                BlockTable.cell("Owner", risk.owner.map(escape) ?? "—") + BlockTable.cell("Mitigation", risk.mitigation.map(context.inline) ?? "—")
            html += BlockTable.cell("Review", review.isEmpty ? "—" : review) + "</tr>\n"
        }
        html += BlockTable.close() + Self.heatMap(risks, bands: bands) + "</figure>"
        result.html = html
        result.items[RiskEntry.self] = Self.sorted(risks).map { risk in
            RiskEntry(
                risk: context.plain(risk.risk), likelihood: risk.likelihood, impact: risk.impact, score: risk.score,
                band: Self.band(risk.score, bands), owner: risk.owner, escalate: risk.score >= risk.escalateAt,
                reviewDue: Self.reviewDue(risk), location: context.location(line: risk.line))
        }
        return result
    }

    /// Impact rows (5 at the top) by likelihood columns, each cell counting its risks.
    static func heatMap(_ risks: [Risk], bands: RiskBands) -> String {
        var html = "<table class=\"pb-heatmap\">\n<caption>Risks by likelihood and impact</caption>\n"
        html +=
            "<thead><tr><th scope=\"col\">Impact ↓ / Likelihood →</th>" + (1...5).map { "<th scope=\"col\">\($0)</th>" }.joined()
            + "</tr></thead>\n<tbody>\n"
        for impact in stride(from: 5, through: 1, by: -1) {
            html += "<tr><th scope=\"row\">\(impact)</th>"
            for likelihood in 1...5 {
                let count = risks.filter { $0.impact == impact && $0.likelihood == likelihood }.count
                html += "<td class=\"pb-band-\(band(impact * likelihood, bands).rawValue)\">\(count == 0 ? "" : String(count))</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }
}
