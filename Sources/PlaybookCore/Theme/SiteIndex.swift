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
    private(set) var sectionPaths: Set<String> = []

    func isSection(_ path: String) -> Bool { sectionPaths.contains(path) }

    var isLarge: Bool { pageCount > PageModelBuilder.inlineNavigationLimit }

    init(_ tree: SiteTree) {
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

/// Sidebars rendered once per distinct sidebar, shared by the threads that render pages.
final class NavigationCache: @unchecked Sendable {
    let theme: Theme
    private let lock = NSLock()
    private var rendered: [String: String] = [:]
    private let lookups = LookupRecorder()
    private var problems: Set<Diagnostic> = []

    init(theme: Theme) { self.theme = theme }

    /// Lookups made while rendering sidebars, checked like any template's.
    var recorder: LookupRecorder {
        lock.lock()
        defer { lock.unlock() }
        return lookups
    }

    /// Sidebars whose recursion had to be stopped.
    var diagnostics: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return Array(problems)
    }

    /// The cached sidebar for `key`, rendering it from `model` (outside the lock) the first time.
    func html(for key: String, model: (LookupRecorder) -> TemplateObject) -> String {
        lock.lock()
        if let html = rendered[key] {
            lock.unlock()
            return html
        }
        lock.unlock()
        let recorder = LookupRecorder()
        let (text, problem) = theme.render(model(recorder), template: "nav")
        var html = text
        while html.hasSuffix("\n") { html.removeLast() }
        lock.lock()
        rendered[key] = html
        lookups.merge(recorder)
        if let problem { problems.insert(problem) }
        lock.unlock()
        return html
    }
}
