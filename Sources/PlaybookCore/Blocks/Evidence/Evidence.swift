/// One piece of evidence of senior work: what was achieved, which skills it shows, and the story.
struct Evidence {
    var date: Day
    var title: String
    /// The site's names of the skills (`SiteConfig.skills`), as configured.
    var skills: [String]
    var problem: String?
    var action: String?
    var outcome: String?
    var lesson: String?
    var impact: [Impact]
    /// Markdown link destinations (pages, KPI anchors), checked like the page's links.
    var links: [String]
    var line: Int

    /// A figure that moved (`p95 latency: 310ms -> 180ms`) or a change on its own (`cost: -18%`).
    struct Impact: Hashable, Sendable {
        var label: String
        var before: String?
        var after: String

        /// `label: value` or `label: before -> after` (`→` too); nil when it is neither, or a value
        /// holds no figure.
        init?(_ text: String) {
            guard let colon = text.firstIndex(of: ":") else { return nil }
            label = String(text[..<colon]).trimmedSpaces
            let value = String(text[text.index(after: colon)...])
            let sides = value.replacingOccurrences(of: "→", with: "->").components(separatedBy: "->").map(\.trimmedSpaces)
            guard !label.isEmpty, (1...2).contains(sides.count), sides.allSatisfy({ $0.contains(where: \.isNumber) }) else { return nil }
            (before, after) = sides.count == 2 ? (sides[0], sides[1]) : (nil, sides[0])
        }

        /// `p95 latency 310ms → 180ms`, `cost -18%`.
        var text: String { label + " " + (before.map { "\($0) → " } ?? "") + after }
    }
}
