/// Builds the `SiteTree` from rendered pages: sections from folders, ordering by weight then title.
public struct SiteTreeBuilder: Sendable {
    public var siteTitle: String

    public init(siteTitle: String) { self.siteTitle = siteTitle }

    public func build(_ pages: [RenderedPage], routes: RouteTable) -> SiteTree {
        var byFolder: [String: [RenderedPage]] = [:]
        var indexes: [String: RenderedPage] = [:]
        // Pages come folder by folder: a folder's path is joined once for its run of pages.
        var (lastFolders, folder): ([String]?, String) = (nil, "")
        for page in pages {
            if page.source.folders != lastFolders {
                (lastFolders, folder) = (page.source.folders, (["content"] + page.source.folders).joined(separator: "/"))
            }
            if page.source.kind == .page {
                byFolder[folder, default: []].append(page)
            } else {
                indexes[folder] = page
            }
        }
        let folders = Set(routes.sectionPath.keys).union(["content"])
        func makeSection(_ folder: String) -> SiteSection {
            let index = indexes[folder]
            let name = folder.split(separator: "/").last.map(String.init) ?? folder
            let title =
                folder == "content"
                ? (index?.source.frontMatter.title ?? index?.title ?? siteTitle)
                : (index?.title ?? PathRules.title(fromFileName: name))
            var section = SiteSection(
                folder: folder, outputPath: routes.sectionPath[folder] ?? "index.html", title: title,
                summary: index?.summary ?? "", weight: index?.source.frontMatter.weight, index: index)
            section.pages = Self.ordered(byFolder[folder] ?? [], weight: { $0.source.frontMatter.weight }, title: \.title, path: \.source.path)
            let children = folders.filter { $0.hasPrefix(folder + "/") && !$0.dropFirst(folder.count + 1).contains("/") }
            section.sections = Self.ordered(children.map(makeSection), weight: \.weight, title: \.title, path: \.folder)
            return section
        }
        let home = makeSection("content")
        var order: [String] = []
        func walk(_ section: SiteSection) {
            order.append(section.outputPath)
            order += section.pages.map(\.outputPath)
            section.sections.forEach(walk)
        }
        walk(home)
        var tree = SiteTree(home: home, readingOrder: order)
        var tagged: [String: [RenderedPage]] = [:]
        var names: [String: String] = [:]
        var tagPaths: [String: String] = [:]
        for page in tree.pagesInOrder {
            for tag in page.source.frontMatter.tags {
                let path = tagPaths[tag] ?? SiteTree.tagPath(tag)
                tagPaths[tag] = path
                names[path] = names[path] ?? tag
                tagged[path, default: []].append(page)
            }
        }
        tree.tags = tagged.map { SiteTag(name: names[$0.key]!, outputPath: $0.key, pages: $0.value) }
            .sorted { ($0.name.lowercased(), $0.outputPath) < ($1.name.lowercased(), $1.outputPath) }
        return tree
    }

    /// Weighted items first (lowest weight first), then the rest; ties by title, then path. Each
    /// item's key is made once, not at every comparison.
    static func ordered<T>(_ items: [T], weight: (T) -> Int?, title: (T) -> String, path: (T) -> String) -> [T] {
        let keys = items.map { (weight($0) ?? Int.max, title($0).lowercased(), path($0)) }
        return items.indices.sorted { a, b in
            let (ka, kb) = (keys[a], keys[b])
            if ka.0 != kb.0 { return ka.0 < kb.0 }
            if ka.1 != kb.1 { return ka.1 < kb.1 }
            return ka.2 < kb.2
        }.map { items[$0] }
    }
}
