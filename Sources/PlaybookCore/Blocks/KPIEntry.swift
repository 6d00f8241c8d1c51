import Foundation

public struct KPIEntry: Hashable, Sendable {
    public var name: String
    public var group: String?
    /// Target as shown (`< 200 ms`), the text written when it is a placeholder, or nil.
    public var target: String?
    public var actual: String?
    public var status: KPIStatus
    public var trend: Trend?
    /// The history and the actual, oldest first, as shown.
    public var points: [String]
    public var location: ItemLocation
    /// Set when the KPI's newest figure is older than its `stale_after`: the day of that figure.
    public var staleSince: Day? = nil
}
