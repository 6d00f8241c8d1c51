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
    /// Output path → the pages that link to it (each once, in reading order; not itself).
    private(set) var backlinks: [String: [String]] = [:]
    private(set) var sectionPaths: Set<String> = []

    func isSection(_ path: String) -> Bool { sectionPaths.contains(path) }

    var isLarge: Bool { pageCount > PageModelBuilder.inlineNavigationLimit }

    init(_ tree: SiteTree) {
        // Room made once (the reading order has every page and section).
        let count = tree.readingOrder.count
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
        for page in tree.pagesInOrder {
            let path = page.outputPath
            var seen: Set<String> = []
            for link in page.links where link.targetPath != path && seen.insert(link.targetPath).inserted {
                backlinks[link.targetPath, default: []].append(path)
            }
        }
    }
}
