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
    /// Dates of `history` + `actual`, oldest first, when the figures come from a series file.
    var dates: [Day] = []
    /// The newest figure is older than `stale_after` on the build date.
    var stale = false
}
