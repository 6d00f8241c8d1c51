import Foundation

/// An evidence item on the dashboard and in the report.
public struct EvidenceEntry: BlockItem {
    public var date: Day
    public var title: String
    public var skills: [String]
    /// The impact figures, as shown (`p95 latency 310ms → 180ms`).
    public var impact: [String]
    public var outcome: String?
    /// The site's skills and the days after which one without evidence is flagged, as configured
    /// when the item was read (the dashboard lists every skill, with evidence or not).
    public var siteSkills: [String]
    public var staleAfter: Int
    public var location: ItemLocation
}
