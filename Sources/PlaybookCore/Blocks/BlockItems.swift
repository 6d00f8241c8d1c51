import Foundation

// The evaluated items of a page's blocks, kept with the rendered page (and in the build cache) so the
// dashboard and the status report are made from the same values the pages show. Texts are plain
// (Markdown already reduced to text); HTML and other escaping happens where they are written.

/// Where an item was written.
public struct ItemLocation: Hashable, Sendable {
    /// Output path of the page that shows the item (`delivery/kpis.html`).
    public var page: String
    /// The file the item is written in: the page's source, or a `data/` file for `source:` blocks.
    public var file: String
    /// The item's line in `file`.
    public var line: Int
    /// Line of the block's opening fence in the page's source.
    public var blockLine: Int
    /// Element id to link to: the heading above the block, or the block's own id.
    public var anchor: String?
}

/// How a KPI's latest figure moved against the one before it, judged by which way is better.
public enum Trend: String, Hashable, Sendable {
    case improving, worsening, flat
}

public struct KPIEntry: Hashable, Sendable {
    public var name: String
    public var group: String?
    /// Target as shown (`< 200 ms`), the text written when it is a placeholder, or nil.
    public var target: String?
    public var actual: String?
    public var status: String
    public var trend: Trend?
    /// The history and the actual, oldest first, as shown.
    public var points: [String]
    public var location: ItemLocation
}

public struct RiskEntry: Hashable, Sendable {
    public var risk: String
    public var likelihood: Int
    public var impact: Int
    public var score: Int
    public var band: String
    public var owner: String?
    public var escalate: Bool
    /// The day the next review falls due (`reviewed` plus the review period).
    public var reviewDue: Day?
    public var location: ItemLocation
}

public struct PriorityEntry: Hashable, Sendable {
    public var task: String
    public var score: Int
    public var band: String
    /// 1 for the top task of its block.
    public var rank: Int
    public var blockTitle: String?
    public var location: ItemLocation
}

public struct ChecklistEntry: Hashable, Sendable {
    public struct Item: Hashable, Sendable {
        public var text: String
        public var done: Bool
        public var due: Day?
        public var owner: String?
        public var day: String?
        /// Where the browser remembers the tick (`playbook:PAGE:ID`).
        public var id: String
        /// The item's own line; it links to its list.
        public var location: ItemLocation
    }

    public var title: String?
    public var items: [Item]
    public var location: ItemLocation
}

public struct MeetingEntry: Hashable, Sendable {
    public var name: String
    public var every: String?
    public var start: LocalDateTime?
    public var minutes: Int?
    public var audience: String?
    public var location: ItemLocation
}

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

    public init() {}

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

extension KPI {
    /// The latest figure against the one before it (history, then the actual). The better direction is
    /// `better:`, else the target's comparator; with an exact target, closer to it is better.
    var trend: Trend? {
        let values = (history + [actual].compactMap { $0 }).map(\.baseValue)
        guard values.count >= 2 else { return nil }
        let last = values[values.count - 1]
        let previous = values[values.count - 2]
        let tolerance = max(abs(last), abs(previous)) * 1e-9
        if abs(last - previous) <= tolerance { return .flat }
        let higherIsBetter: Bool
        switch (better, target?.comparator) {
        case ("higher", _), (nil, .greater?), (nil, .greaterOrEqual?): higherIsBetter = true
        case ("lower", _), (nil, .less?), (nil, .lessOrEqual?): higherIsBetter = false
        default:
            guard let goal = target?.quantity.baseValue else { return nil }
            let before = abs(previous - goal)
            let now = abs(last - goal)
            if abs(before - now) <= tolerance { return .flat }
            return now < before ? .improving : .worsening
        }
        return (last > previous) == higherIsBetter ? .improving : .worsening
    }
}
