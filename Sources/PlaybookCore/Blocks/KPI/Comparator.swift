import Foundation

/// How a value must relate to its target.
public enum Comparator: String, Hashable, Sendable {
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case equal = "="

    func holds(_ actual: Double, _ target: Double) -> Bool {
        let tolerance = max(abs(actual), abs(target)) * 1e-12
        switch self {
        case .less: return actual < target - tolerance
        case .lessOrEqual: return actual <= target + tolerance
        case .greater: return actual > target + tolerance
        case .greaterOrEqual: return actual >= target - tolerance
        case .equal: return abs(actual - target) <= tolerance
        }
    }

    /// The symbol shown to readers (`≤` rather than `<=`).
    var symbol: String {
        switch self {
        case .less: return "<"
        case .lessOrEqual: return "≤"
        case .greater: return ">"
        case .greaterOrEqual: return "≥"
        case .equal: return "="
        }
    }
}
