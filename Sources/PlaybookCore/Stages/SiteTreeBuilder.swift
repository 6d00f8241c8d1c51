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
            section.pages = Self.ordered(
                byFolder[folder] ?? [], weight: { $0.source.frontMatter.weight }, title: { $0.title }, path: { $0.source.path })
            let children = folders.filter { $0.hasPrefix(folder + "/") && !$0.dropFirst(folder.count + 1).contains("/") }
            section.sections = Self.ordered(children.map(makeSection), weight: \.weight, title: \.title, path: \.folder)
            return section
        }
        let home = makeSection("content")
        var order: [String] = []
        func walk(_ section: SiteSection) {
            order.append(section.outputPath)
            order += section.pages.map { $0.outputPath }
            section.sections.forEach(walk)
        }
        walk(home)
        var tree = SiteTree(home: home, readingOrder: order)
        tree.tags = Self.tags(of: tree.pagesInOrder)
        return tree
    }

    /// One page per tag, its pages in reading order. Tags that differ but share a page (`Go`, `go`)
    /// are one, named as first seen.
    static func tags(of pages: [RenderedPage]) -> [SiteTag] {
        var tagged: [String: [RenderedPage]] = [:]
        for page in pages {
            for tag in page.source.frontMatter.tags { tagged[tag, default: []].append(page) }
        }
        var byPath: [String: [String]] = [:]
        for tag in tagged.keys { byPath[SiteTree.tagPath(tag), default: []].append(tag) }
        var tags: [SiteTag] = []
        tags.reserveCapacity(byPath.count)
        for (path, names) in byPath {
            guard names.count > 1 else {
                tags.append(SiteTag(name: names[0], outputPath: path, pages: tagged[names[0]]!))
                continue
            }
            // The pages of all of them, in reading order (a page is in as often as it names one).
            let sharing = Set(names)
            var (name, merged): (String?, [RenderedPage]) = (nil, [])
            for page in pages {
                for tag in page.source.frontMatter.tags where sharing.contains(tag) {
                    name = name ?? tag
                    merged.append(page)
                }
            }
            tags.append(SiteTag(name: name!, outputPath: path, pages: merged))
        }
        return tags.sorted { ($0.name.lowercased(), $0.outputPath) < ($1.name.lowercased(), $1.outputPath) }
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
