/// How a KPI's actual figure stands against its target.
public enum KPIStatus: String, CaseIterable, Hashable, Sendable {
    case met, missed
    case noData = "no data"
    case targetNotSet = "target not set"

    /// As the pages and the dashboard show it.
    public var label: String {
        switch self {
        case .met: return "Met"
        case .missed: return "Missed"
        case .noData: return "No data"
        case .targetNotSet: return "Target not set"
        }
    }

    /// `target not set` → `target-not-set`, for CSS classes.
    public var cssName: String {
        switch self {
        case .met, .missed: return rawValue
        case .noData: return "no-data"
        case .targetNotSet: return "target-not-set"
        }
    }
}
