/// The whole site's structure: sections, pages and the order a reader goes through them.
public struct SiteTree: Hashable, Sendable {
    public var home: SiteSection
    /// Output paths of every page and section index, home first, depth first.
    public var readingOrder: [String]
    /// Every tag, sorted by name; each lists its pages in reading order.
    public var tags: [SiteTag] = []

    /// Every page and section index page, in reading order.
    public var pagesInOrder: [RenderedPage] {
        var pages: [RenderedPage] = []
        func walk(_ section: SiteSection) {
            if let index = section.index { pages.append(index) }
            pages += section.pages
            section.sections.forEach(walk)
        }
        walk(home)
        return pages
    }

    /// `tags/<slug>.html` for a tag name.
    public static func tagPath(_ name: String) -> String { "tags/\(PathRules.slug(name)).html" }

    /// Every section below home, depth first.
    public var allSections: [SiteSection] {
        func collect(_ section: SiteSection) -> [SiteSection] { section.sections.flatMap { [$0] + collect($0) } }
        return collect(home)
    }
}
