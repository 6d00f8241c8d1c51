import Foundation

/// A small inline SVG of a KPI's history with its target as a dashed line.
enum Sparkline {
    static func svg(for kpi: KPI) -> String {
        var points = kpi.history
        if let actual = kpi.actual { points.append(actual) }
        guard points.count >= 2 else { return "" }
        let width = 100.0
        let height = 24.0
        let pad = 2.0
        let values = points.map(\.baseValue)
        let targetValue = kpi.target.map { $0.quantity.baseValue }
        let all = values + (targetValue.map { [$0] } ?? [])
        let low = all.min() ?? 0
        let high = all.max() ?? 1
        let span = high - low == 0 ? 1 : high - low
        func rounded(_ value: Double) -> String { NumberText.format((value * 100).rounded() / 100) }
        func y(_ value: Double) -> String { rounded((height - pad) - (value - low) / span * (height - 2 * pad)) }
        func x(_ index: Int) -> String { rounded(Double(index) * (width - 2 * pad) / Double(values.count - 1) + pad) }
        let polyline = values.indices.map { "\(x($0)),\(y(values[$0]))" }.joined(separator: " ")
        let figures = points.enumerated().map { index, point in
            kpi.dates.count == points.count ? "\(point.formatted) on \(kpi.dates[index])" : point.formatted
        }
        let description = "Trend: " + figures.joined(separator: ", ") + (kpi.target.map { "; target \($0.formatted)" } ?? "")
        var svg = "<svg class=\"pb-spark\" viewBox=\"0 0 100 24\" width=\"100\" height=\"24\" role=\"img\" aria-label=\"\(escape(description))\">"
        if let targetValue {
            svg += "<line class=\"pb-spark-target\" x1=\"0\" x2=\"100\" y1=\"\(y(targetValue))\" y2=\"\(y(targetValue))\"/>"
        }
        svg += "<polyline class=\"pb-spark-line\" points=\"\(polyline)\"/></svg>"
        return svg
    }
}
