import Foundation

public struct RiskEntry: BlockItem {
    public var risk: String
    public var likelihood: Int
    public var impact: Int
    public var score: Int
    public var band: RiskBand
    public var owner: String?
    public var escalate: Bool
    /// The day the next review falls due (`reviewed` plus the review period).
    public var reviewDue: Day?
    public var location: ItemLocation
}
