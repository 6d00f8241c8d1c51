import Foundation

public struct PriorityEntry: BlockItem {
    public var task: String
    public var score: Int
    public var band: PriorityBand
    /// 1 for the top task of its block.
    public var rank: Int
    public var blockTitle: String?
    public var location: ItemLocation
}
