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

    var isLarge: Bool { pageCount > PageModelBuilder.inlineNavigationLimit }

    init(_ tree: SiteTree) {
        for (offset, path) in tree.readingOrder.enumerated() { position[path] = offset }
        pageCount = tree.readingOrder.count
        func collect(_ section: SiteSection, above: [String]) {
            titles[section.outputPath] = section.title
            ancestors[section.outputPath] = above
            let chain = above + [section.outputPath]
            for page in section.pages {
                titles[page.outputPath] = page.title
                ancestors[page.outputPath] = chain
            }
            for child in section.sections { collect(child, above: chain) }
        }
        collect(tree.home, above: [])
    }
}

/// `nav.js`: the whole sidebar tree, written once and loaded by every page of a large site.
public struct NavScriptBuilder: Sendable {
    public static let fileName = "nav.js"

    public init() {}

    /// `[title, url, [[page title, url]…], [child sections…]]` per section; URLs from the output root.
    public func script(for tree: SiteTree) -> String {
        func entry(_ section: SiteSection) -> [Any] {
            [section.title, section.outputPath, section.pages.map { [$0.title, $0.outputPath] }, section.sections.map(entry)]
        }
        return "window.PLAYBOOK_NAV=" + JSONText.encode(entry(tree.home)) + ";\n"
    }
}
