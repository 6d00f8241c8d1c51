import Foundation

extension KPI {
    /// The latest figure against the one before it (history, then the actual). The better direction is
    /// `better:`, else the target's comparator; with an exact target, closer to it is better.
    var trend: Trend? {
        let values = (history + [actual].compactMap { $0 }).map(\.baseValue)
        guard values.count >= 2 else { return nil }
        let last = values[values.count - 1]
        let previous = values[values.count - 2]
        let tolerance = max(abs(last), abs(previous)) * 1e-9
        if abs(last - previous) <= tolerance { return .flat }
        let higherIsBetter: Bool
        switch (better, target?.comparator) {
        case ("higher", _), (nil, .greater?), (nil, .greaterOrEqual?): higherIsBetter = true
        case ("lower", _), (nil, .less?), (nil, .lessOrEqual?): higherIsBetter = false
        default:
            guard let goal = target?.quantity.baseValue else { return nil }
            let before = abs(previous - goal)
            let now = abs(last - goal)
            if abs(before - now) <= tolerance { return .flat }
            return now < before ? .improving : .worsening
        }
        return (last > previous) == higherIsBetter ? .improving : .worsening
    }
}
