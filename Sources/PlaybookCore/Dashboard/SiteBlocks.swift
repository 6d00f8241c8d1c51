import Foundation

/// Every block item of the site, page by page in reading order: the one model that the dashboard,
/// the status report and templates read. Nothing in it is written twice by the author: it is
/// collected from the blocks the pages already have.
public struct SiteBlocks: Sendable {
    /// A page with blocks. A class: every item of the site refers to its page, and a large data file
    /// gives a page hundreds of thousands of items.
    public final class Page: Hashable, Sendable {
        /// Output path (`delivery/kpis.html`).
        public let path: String
        public let title: String
        /// Source path (`content/delivery/kpis.md`).
        public let source: String
        public let blocks: PageBlocks

        init(path: String, title: String, source: String, blocks: PageBlocks) {
            self.path = path
            self.title = title
            self.source = source
            self.blocks = blocks
        }

        public static func == (lhs: Page, rhs: Page) -> Bool {
            lhs === rhs || (lhs.path == rhs.path && lhs.title == rhs.title && lhs.source == rhs.source && lhs.blocks == rhs.blocks)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(path)
            hasher.combine(source)
        }
    }

    /// An item with the page it is on.
    public struct Sourced<Item: Sendable>: Sendable {
        public var item: Item
        public var page: Page
    }

    /// Pages that have at least one block, in reading order.
    public var pages: [Page]
    /// The dashboard parts of the build's block kinds (`BlockKinds.dashboardParts`).
    var parts: [any DashboardPart.Type]

    public init(pages: [RenderedPage]) { self.init(pages: pages, kinds: .standard) }

    init(pages: [RenderedPage], kinds: BlockKinds) {
        self.pages = pages.filter { !$0.blocks.isEmpty }.map {
            Page(path: $0.outputPath, title: $0.title, source: $0.source.path, blocks: $0.blocks)
        }
        parts = kinds.dashboardParts
    }

    /// Every item of one kind, in reading order.
    public func all<Item: BlockItem>(_ kind: Item.Type) -> [Sourced<Item>] {
        pages.flatMap { page in page.blocks[kind].map { Sourced(item: $0, page: page) } }
    }

    /// True when a page has something the dashboard summarises (scripts and phrases alone are not).
    public var hasDashboardItems: Bool {
        pages.contains { page in parts.contains { $0.hasItems(in: page.blocks) } }
    }
}

extension Day {
    /// 0 for Monday … 6 for Sunday.
    var weekday: Int { ((daysSinceEpoch % 7) + 7 + 3) % 7 }

    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Tue 1 Dec`.
    var short: String { "\(Day.weekdayNames[weekday]) \(day) \(Day.monthNames[month - 1])" }

    /// `Tue 1 Dec 2026`.
    var long: String { "\(short) \(year)" }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    func days(to other: Day) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// `today`, `tomorrow`, `in 3 days`, `yesterday`, `12 days ago`, seen from `today`.
    func relative(to today: Day) -> String {
        switch today.days(to: self) {
        case 0: return "today"
        case 1: return "tomorrow"
        case -1: return "yesterday"
        case let days where days > 1: return "in \(days) days"
        case let days: return "\(-days) days ago"
        }
    }
}
