import Foundation

/// One KPI after evaluation.
struct KPI {
    typealias Status = KPIStatus

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
