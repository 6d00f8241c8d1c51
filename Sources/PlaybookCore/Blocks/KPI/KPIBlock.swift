import Foundation

/// Reads, evaluates and renders a `kpi` block.
struct KPIBlock: BlockRenderer {
    var name: String { "kpi" }
    var itemTypes: [any BlockItem.Type] { [KPIEntry.self] }
    var dashboardPart: (any DashboardPart.Type)? { KPIDashboard.self }

    static let fields = ["name", "group", "target", "actual", "better", "unit", "history", "note", "series", "window", "stale_after"]

    /// Reads one item; returns nil (with problems) when it cannot be evaluated. `dataFiles` and
    /// `today` serve `series:` (figures from a file), `window:` and `stale_after:`.
    static func read(_ node: YAMLNode, problems: inout [Diagnostic], dataFiles: [String: Data] = [:], today: Day = Day(unixTime: 0)) -> KPI? {
        guard
            var fields = FieldReader.item(
                node, kind: "kpi", known: Self.fields, shape: "each item must be a mapping with at least 'name'", problems: &problems)
        else { return nil }
        let name = fields.text("name", required: true)
        let label = "kpi '\(name ?? "?")'"
        let group = fields.text("group")
        let better = fields.choice("better", ["higher", "lower"])
        let unit = fields.text("unit").map(MeasureUnit.init) ?? MeasureUnit.none
        let note = fields.text("note")

        func quantity(_ text: String, line: Int, field: String) -> Quantity? {
            guard var value = Quantity(text) else {
                fields.fail(line, "\(label): '\(field)' must be a number with an optional unit (such as 180ms or 99.9%), not '\(text)'")
                return nil
            }
            if value.unit == .none { value.unit = unit }
            return value
        }
        let targetText = fields.text("target")
        let target = targetText.flatMap { readTarget($0, line: node["target"]?.line ?? node.line, unit: unit, label: label, fields: &fields) }
        var actual = fields.text("actual").flatMap { quantity($0, line: node["actual"]?.line ?? node.line, field: "actual") }
        var history = (fields.list("history") ?? []).compactMap { quantity($0.text, line: $0.line, field: "history") }
        var dates: [Day] = []
        var stale = false
        let windowText = fields.text("window")
        let staleText = fields.text("stale_after")
        let window = period(windowText, field: "window", node: node, label: label, fields: &fields)
        let staleAfter = period(staleText, field: "stale_after", node: node, label: label, fields: &fields)
        if let seriesPath = fields.text("series"), let seriesLine = node["series"]?.line {
            if node["actual"] != nil || node["history"] != nil {
                fields.fail(seriesLine, "\(label): 'series:' gives the figures; leave out 'actual:' and 'history:'")
            } else if let data = dataFiles[seriesPath] {
                let (series, seriesProblems) = KPISeries.read(data, path: seriesPath, unit: unit)
                problems += seriesProblems
                if let points = series?.points {
                    (actual, history, dates, stale) = figures(points, window: window, staleAfter: staleAfter, today: today)
                } else if seriesProblems.hasErrors {
                    fields.fail(seriesLine, "\(label): its series file \(seriesPath) has errors (above)")
                }
            } else {
                fields.fail(
                    seriesLine, "\(label): series file '\(seriesPath)' not found; series files live in data/ (series: data/NAME.csv or .json)")
            }
        } else if windowText != nil || staleText != nil {
            fields.fail(node["window"]?.line ?? node["stale_after"]?.line ?? node.line, "\(label): 'window:' and 'stale_after:' go with 'series:'")
        }
        if let target {
            checkUnits(
                of: [(actual, "actual", node["actual"]?.line)] + history.map { ($0, "history", node["history"]?.line) }, against: target, node: node,
                label: label, fields: &fields)
        }
        problems += fields.problems
        guard fields.problems.isEmpty, let name else { return nil }
        let status = evaluate(target: target, actual: actual, better: better)
        return KPI(
            name: name, group: group, targetText: targetText, target: target, actual: actual, better: better,
            history: history, note: note, status: status, line: node.line, dates: dates, stale: stale)
    }

    /// `text` as a period of at most 100 years; nil (with an error at the field's line) for anything else.
    private static func period(
        _ text: String?, field: String, node: YAMLNode, label: String, fields: inout FieldReader
    ) -> KPISeries.Period? {
        guard let text else { return nil }
        guard let period = KPISeries.period(text) else {
            fields.fail(
                node[field]?.line ?? node.line,
                "\(label): '\(field)' must be a number of days, weeks or months, such as 90d, 12w or 6m, not '\(text)'")
            return nil
        }
        guard KPISeries.periodInRange(period) else {
            fields.fail(
                node[field]?.line ?? node.line, "\(label): '\(field)' \(text) is out of range; at most 100 years (\(KPISeries.longestPeriod))")
            return nil
        }
        return period
    }

    /// `text` as a target in `unit` (when it gives none); nil for a placeholder, or (with an error at
    /// `line`) for anything else that is not a target.
    private static func readTarget(_ text: String, line: Int, unit: MeasureUnit, label: String, fields: inout FieldReader) -> Target? {
        switch Target.parse(text) {
        case .placeholder: return nil
        case .invalid:
            fields.fail(
                line, "\(label): target '\(text)' must be an optional comparator (<, <=, >, >=, =), a number and an optional unit, such as '< 200ms'")
            return nil
        case .target(var parsed):
            if parsed.quantity.unit == .none { parsed.quantity.unit = unit }
            return parsed
        }
    }

    /// The figures of a series file: its points after `window` before `today`, the newest as the actual,
    /// and whether the newest is older than `staleAfter`.
    private static func figures(
        _ points: [KPISeries.Point], window: KPISeries.Period?, staleAfter: KPISeries.Period?, today: Day
    ) -> (actual: Quantity?, history: [Quantity], dates: [Day], stale: Bool) {
        var points = points
        if let window {
            let cutoff = KPISeries.cutoff(window, before: today)
            points.removeAll { $0.day <= cutoff }
        }
        let stale = staleAfter.flatMap { period in points.last.map { $0.day < KPISeries.cutoff(period, before: today) } } ?? false
        return (points.last?.value, points.dropLast().map(\.value), points.map(\.day), stale)
    }

    /// An error for each figure whose unit cannot be compared with the target's.
    private static func checkUnits(
        of figures: [(Quantity?, String, Int?)], against target: Target, node: YAMLNode, label: String, fields: inout FieldReader
    ) {
        func named(_ unit: MeasureUnit) -> String { unit.description.isEmpty ? "no unit" : unit.description }
        for (value, field, line) in figures {
            guard let value, !value.unit.isComparable(with: target.quantity.unit) else { continue }
            fields.fail(
                line ?? node.line, "\(label): \(field) in '\(named(value.unit))' cannot be compared with a target in '\(named(target.quantity.unit))'"
            )
        }
    }

    /// Met, missed, no data or target not set. A target without comparator means `>=` for
    /// `better: higher`, `<=` for `better: lower`, else `=`.
    static func evaluate(target: Target?, actual: Quantity?, better: String?) -> KPI.Status {
        guard let target else { return .targetNotSet }
        guard let actual else { return .noData }
        let comparator = target.comparator ?? (better == "higher" ? .greaterOrEqual : better == "lower" ? .lessOrEqual : .equal)
        return comparator.holds(actual.baseValue, target.quantity.baseValue) ? .met : .missed
    }

    /// `5 of 8 met · 1 missed · 2 without data`.
    static func summary(_ kpis: [KPI]) -> String {
        func count(_ status: KPI.Status) -> Int { kpis.filter { $0.status == status }.count }
        var parts = ["\(count(.met)) of \(kpis.count) met"]
        if count(.missed) > 0 { parts.append("\(count(.missed)) missed") }
        if count(.noData) > 0 { parts.append("\(count(.noData)) without data") }
        if count(.targetNotSet) > 0 { parts.append("\(count(.targetNotSet)) without target") }
        return parts.joined(separator: " · ")
    }

    func render(_ items: [YAMLNode], title: String?, context: BlockContext) -> BlockResult {
        var result = BlockResult()
        let kpis = items.compactMap { Self.read($0, problems: &result.problems, dataFiles: context.dataFiles, today: context.buildDate) }
        guard result.problems.isEmpty else { return result }
        var groups: [(name: String?, kpis: [KPI])] = []
        for kpi in kpis {
            if let index = groups.firstIndex(where: { $0.name == kpi.group }) {
                groups[index].kpis.append(kpi)
            } else {
                groups.append((kpi.group, [kpi]))
            }
        }
        var html = "<figure class=\"pb-block pb-kpi\">\n"
        if let title { html += "<figcaption class=\"pb-block-title\">\(escape(title))</figcaption>\n" }
        html += "<p class=\"pb-kpi-summary\">\(escape(Self.summary(kpis)))</p>\n"
        html += BlockTable.open(label: title ?? "KPIs", columns: ["KPI", "Target", "Actual", "Trend", "Status"], body: false)
        for group in groups {
            html += "<tbody>\n"
            if let name = group.name {
                html += "<tr class=\"pb-kpi-group\"><th colspan=\"5\" scope=\"rowgroup\">\(context.inline(name))</th></tr>\n"
            }
            for kpi in group.kpis {
                let note = kpi.note.map { "<br><small>\(context.inline($0))</small>" } ?? ""
                let target = kpi.target?.formatted ?? kpi.targetText ?? "—"
                html += "<tr><th scope=\"row\">\(context.inline(kpi.name))\(note)</th>"
                html += BlockTable.cell("Target", escape(target)) + BlockTable.cell("Actual", escape(kpi.actual?.formatted ?? "—"))
                html += BlockTable.cell("Trend", Sparkline.svg(for: kpi))
                let stale =
                    kpi.stale
                    ? " <span class=\"pb-status pb-status-stale\" title=\"newest figure from \(kpi.dates.last.map { "\($0)" } ?? "")\">Stale</span>"
                    : ""
                html +=
                    BlockTable.cell("Status", "<span class=\"pb-status pb-status-\(kpi.status.cssName)\">\(kpi.status.label)</span>\(stale)")
                    + "</tr>\n"
            }
            html += "</tbody>\n"
        }
        html += BlockTable.close(body: false) + "</figure>"
        result.html = html
        guard context.collectsItems else { return result }
        result.items[KPIEntry.self] = kpis.map { kpi in
            KPIEntry(
                name: context.plain(kpi.name), group: kpi.group.map(context.plain), target: kpi.target?.formatted ?? kpi.targetText,
                actual: kpi.actual?.formatted, status: kpi.status, trend: kpi.trend,
                points: (kpi.history + [kpi.actual].compactMap { $0 }).suffix(KPIEntry.shownPoints).map(\.formatted),
                location: context.location(line: kpi.line),
                staleSince: kpi.stale ? kpi.dates.last : nil)
        }
        return result
    }
}
