import Foundation

/// One risk of a register, scored.
struct Risk {
    var risk: String
    var likelihood: Int
    var impact: Int
    var owner: String?
    var mitigation: String?
    var review: String?
    var reviewed: Day?
    var escalateAt: Int
    var line: Int

    var score: Int { likelihood * impact }
}
