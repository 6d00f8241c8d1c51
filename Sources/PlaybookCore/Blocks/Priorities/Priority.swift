import Foundation

/// One task of a prioritisation table, scored.
struct Priority {
    var task: String
    var impact: Int?
    var urgency: Int?
    var effort: Int?
    var risk: Int?
    var note: String?
    var score: Int
    var line: Int

    /// P1 at 8 and above, P2 from 4 to 7, P3 at 3 and below.
    var band: PriorityBand { PriorityBand(score: score) }
}
