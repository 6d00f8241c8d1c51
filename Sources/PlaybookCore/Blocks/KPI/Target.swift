import Foundation

/// A KPI target: an optional comparator and a quantity, or a placeholder such as `[Define Target]`.
public struct Target: Hashable, Sendable {
    public var comparator: Comparator?
    public var quantity: Quantity

    /// The result of reading a target text.
    public enum Parsed: Hashable, Sendable {
        case target(Target)
        case placeholder
        case invalid
    }

    public static func parse(_ text: String) -> Parsed {
        var rest = text.trimmedSpaces
        if rest.hasPrefix("["), rest.hasSuffix("]") { return .placeholder }
        var comparator: Comparator?
        for (symbol, value) in [
            ("<=", Comparator.lessOrEqual), (">=", .greaterOrEqual), ("≤", .lessOrEqual), ("≥", .greaterOrEqual),
            ("<", .less), (">", .greater), ("=", .equal),
        ] where rest.hasPrefix(symbol) {
            comparator = value
            rest = String(rest.dropFirst(symbol.count))
            break
        }
        guard let quantity = Quantity(rest) else { return .invalid }
        return .target(Target(comparator: comparator, quantity: quantity))
    }

    public var formatted: String {
        (comparator.map { "\($0.symbol) " } ?? "") + quantity.formatted
    }
}
