import Foundation

// The evaluated items of a page's blocks, kept with the rendered page (and in the build cache) so the
// dashboard and the status report are made from the same values the pages show. Texts are plain
// (Markdown already reduced to text); HTML and other escaping happens where they are written.

/// Every dashboard-relevant item of one page, in page order.
public struct PageBlocks: Hashable, Sendable {
    public var kpis: [KPIEntry] = []
    public var risks: [RiskEntry] = []
    public var priorities: [PriorityEntry] = []
    public var checklists: [ChecklistEntry] = []
    public var meetings: [MeetingEntry] = []
    /// Blocks that have no summary on the dashboard, counted so it can point to them.
    public var scripts = 0
    public var phrases = 0

    /// No items.
    public static var empty: PageBlocks { PageBlocks() }

    public var isEmpty: Bool { self == PageBlocks() }

    mutating func append(_ other: PageBlocks) {
        kpis += other.kpis
        risks += other.risks
        priorities += other.priorities
        checklists += other.checklists
        meetings += other.meetings
        scripts += other.scripts
        phrases += other.phrases
    }

    /// Places lines read relative to a block (or a data file) in `file`, `offset` lines down.
    mutating func locate(in file: String, lineOffset offset: Int) {
        updateLocations { location in
            location.file = file
            location.line += offset
        }
    }

    /// Calls `change` on the location of every item.
    mutating func updateLocations(_ change: (inout ItemLocation) -> Void) {
        for index in kpis.indices { change(&kpis[index].location) }
        for index in risks.indices { change(&risks[index].location) }
        for index in priorities.indices { change(&priorities[index].location) }
        for index in checklists.indices {
            change(&checklists[index].location)
            for item in checklists[index].items.indices { change(&checklists[index].items[item].location) }
        }
        for index in meetings.indices { change(&meetings[index].location) }
    }
}
