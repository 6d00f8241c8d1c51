import Foundation

/// A small inline SVG of a KPI's history with its target as a dashed line.
enum Sparkline {
    /// At most this many points are drawn; a longer series is sampled evenly, its first and last kept.
    static let drawnPoints = 120
    /// Up to this many figures are listed in the description; a longer series is summarised.
    static let listedFigures = 12

    /// `limit` indices spread evenly over `0..<count`, the first and the last included (all when fewer).
    static func sample(_ count: Int, limit: Int) -> [Int] {
        guard count > limit, limit >= 2 else { return Array(0..<count) }
        return (0..<limit).map { Int((Double($0) * Double(count - 1) / Double(limit - 1)).rounded()) }
    }

    static func svg(for kpi: KPI) -> String {
        var points = kpi.history
        if let actual = kpi.actual { points.append(actual) }
        guard points.count >= 2 else { return "" }
        let width = 100.0
        let height = 24.0
        let pad = 2.0
        let drawn = sample(points.count, limit: drawnPoints)
        let values = drawn.map { points[$0].baseValue }
        let targetValue = kpi.target.map { $0.quantity.baseValue }
        let all = values + (targetValue.map { [$0] } ?? [])
        let low = all.min() ?? 0
        let high = all.max() ?? 1
        let span = high - low == 0 ? 1 : high - low
        func rounded(_ value: Double) -> String { NumberText.format((value * 100).rounded() / 100) }
        func y(_ value: Double) -> String { rounded((height - pad) - (value - low) / span * (height - 2 * pad)) }
        func x(_ index: Int) -> String { rounded(Double(index) * (width - 2 * pad) / Double(values.count - 1) + pad) }
        let polyline = values.indices.map { "\(x($0)),\(y(values[$0]))" }.joined(separator: " ")
        func figure(_ index: Int) -> String {
            kpi.dates.count == points.count ? "\(points[index].formatted) on \(kpi.dates[index])" : points[index].formatted
        }
        let trend: String
        if points.count <= listedFigures {
            trend = "Trend: " + points.indices.map(figure).joined(separator: ", ")
        } else {
            let lowest = points.min { $0.baseValue < $1.baseValue }.map(\.formatted) ?? ""
            let highest = points.max { $0.baseValue < $1.baseValue }.map(\.formatted) ?? ""
            trend = "Trend of \(points.count) figures: \(figure(0)) to \(figure(points.count - 1)); lowest \(lowest), highest \(highest)"
        }
        let description = trend + (kpi.target.map { "; target \($0.formatted)" } ?? "")
        var svg = "<svg class=\"pb-spark\" viewBox=\"0 0 100 24\" width=\"100\" height=\"24\" role=\"img\" aria-label=\"\(escape(description))\">"
        if let targetValue {
            svg += "<line class=\"pb-spark-target\" x1=\"0\" x2=\"100\" y1=\"\(y(targetValue))\" y2=\"\(y(targetValue))\"/>"
        }
        svg += "<polyline class=\"pb-spark-line\" points=\"\(polyline)\"/></svg>"
        return svg
    }
}
