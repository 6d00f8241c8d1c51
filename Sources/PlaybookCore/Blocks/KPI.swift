import Foundation

/// One KPI after evaluation.
struct KPI {
    enum Status: String, CaseIterable {
        case met, missed
        case noData = "no data"
        case targetNotSet = "target not set"

        var label: String {
            switch self {
            case .met: return "Met"
            case .missed: return "Missed"
            case .noData: return "No data"
            case .targetNotSet: return "Target not set"
            }
        }
    }

    var name: String
    var group: String?
    var targetText: String?
    var target: Target?
    var actual: Quantity?
    var better: String?
    var history: [Quantity]
    var note: String?
    var status: Status
    var line: Int
}
