import Foundation

/// Lookups over the site tree computed once per build, so building a page's model costs
/// O(depth) rather than a walk over every page.
final class SiteIndex: @unchecked Sendable {
    /// Output path → title, for pages and sections.
    private(set) var titles: [String: String] = [:]
    /// Output path → position in reading order.
    private(set) var position: [String: Int] = [:]
    /// Output path → output paths of the sections above it, home first (a section excludes itself).
    private(set) var ancestors: [String: [String]] = [:]
    let pageCount: Int
    /// Every page in reading order, for backlinks.
    private let pages: [RenderedPage]
    /// Output path → the pages that link to it, made once many pages have asked (a build that
    /// templates a few pages looks theirs up by going through the links instead).
    private var backlinkTable: [String: [String]]?
    private var backlinkRequests = 0
    private let lock = NSLock()
    private(set) var sectionPaths: Set<String> = []

    func isSection(_ path: String) -> Bool { sectionPaths.contains(path) }

    var isLarge: Bool { pageCount > PageModelBuilder.inlineNavigationLimit }

    init(_ tree: SiteTree) {
        // Room made once (the reading order has every page and section).
        let count = tree.readingOrder.count
        pages = tree.pagesInOrder
        titles.reserveCapacity(count)
        position.reserveCapacity(count)
        ancestors.reserveCapacity(count)
        for (offset, path) in tree.readingOrder.enumerated() { position[path] = offset }
        pageCount = tree.readingOrder.count
        func collect(_ section: SiteSection, above: [String]) {
            titles[section.outputPath] = section.title
            ancestors[section.outputPath] = above
            sectionPaths.insert(section.outputPath)
            let chain = above + [section.outputPath]
            for page in section.pages {
                titles[page.outputPath] = page.title
                ancestors[page.outputPath] = chain
            }
            for child in section.sections { collect(child, above: chain) }
        }
        collect(tree.home, above: [])
    }

    /// The pages that link to `path` (each once, in reading order; not itself).
    func backlinks(to path: String) -> [String] {
        let table: [String: [String]]? = lock.withLock {
            backlinkRequests += 1
            if backlinkTable == nil && backlinkRequests > Self.backlinkScans { backlinkTable = Self.backlinkTable(pages) }
            return backlinkTable
        }
        if let table { return table[path] ?? [] }
        return pages.compactMap { page in
            page.outputPath != path && page.links.contains { $0.targetPath == path } ? page.outputPath : nil
        }
    }

    /// Requests answered by going through every page's links before the table is made.
    static let backlinkScans = 16

    private static func backlinkTable(_ pages: [RenderedPage]) -> [String: [String]] {
        var table: [String: [String]] = [:]
        for page in pages {
            let (path, links) = (page.outputPath, page.links)
            for (index, link) in links.enumerated() where link.targetPath != path {
                // Each linking page once (a page has few links: no set needed).
                guard !links[..<index].contains(where: { $0.targetPath == link.targetPath }) else { continue }
                table[link.targetPath, default: []].append(path)
            }
        }
        return table
    }
}
