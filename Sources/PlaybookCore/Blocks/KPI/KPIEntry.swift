import Foundation

public struct KPIEntry: BlockItem {
    public var name: String
    public var group: String?
    /// Target as shown (`< 200 ms`), the text written when it is a placeholder, or nil.
    public var target: String?
    public var actual: String?
    public var status: KPIStatus
    public var trend: Trend?
    /// The history and the actual, oldest first, as shown: the newest `shownPoints` at most (a series
    /// file may hold thousands).
    public var points: [String]
    public static let shownPoints = 12
    public var location: ItemLocation
    /// Set when the KPI's newest figure is older than its `stale_after`: the day of that figure.
    public var staleSince: Day? = nil
}
