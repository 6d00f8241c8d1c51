import Foundation
import PlaybookMarkdown

/// Builds the values a template sees for one output page. All links in it are relative to that page.
public struct PageModelBuilder: @unchecked Sendable {
    public var config: SiteConfig
    public var tree: SiteTree
    public var recorder: LookupRecorder?
    let index: SiteIndex
    /// `site`'s values, the same on every page.
    let siteValues: [String: Any]
    /// The links every page of a folder has, made once per folder.
    let folderLinks = FolderLinks()
    /// Renders the sidebar once per distinct sidebar, and the head, header and footer once per
    /// folder, and hands out the HTML.
    var pieces: SharedPieces?
    /// What `dashboard.html` shows, when the site has one: every page's navigation links to it, and
    /// the home page sees it as `dashboard` too.
    public var dashboard: StatusSummary?
    var hasDashboard: Bool { dashboard != nil }
    /// Whether the build writes the one-file export (`export_url` is absent when it does not).
    public var linksExport = true

    /// Above this many pages the sidebar lists sections only and `nav.js` fills in the full tree,
    /// so the output grows linearly with the number of pages instead of quadratically.
    public static let inlineNavigationLimit = 200

    public init(config: SiteConfig, tree: SiteTree, recorder: LookupRecorder?) {
        self.config = config
        self.tree = tree
        self.recorder = recorder
        self.index = SiteIndex(tree)
        self.siteValues = [
            "title": config.title, "description": config.description ?? Absent(), "author": config.author ?? Absent(),
            "language": config.language, "base_url": config.baseURL ?? Absent(),
        ]
    }

    /// The same builder, reporting lookups to `recorder` and taking sidebars and the other shared
    /// pieces from `pieces`.
    func recording(to recorder: LookupRecorder?, pieces: SharedPieces? = nil) -> PageModelBuilder {
        var copy = self
        copy.recorder = recorder
        copy.pieces = pieces ?? self.pieces
        return copy
    }

    private func object(_ values: [String: Any]) -> TemplateObject { TemplateObject(values, recorder: recorder) }

    /// The model for a content page or section index written to `path`.
    public func model(for page: RenderedPage?, section: SiteSection?, at path: String) -> TemplateObject {
        let title = page?.title ?? section?.title ?? config.title
        let summary = page?.summary ?? section?.summary ?? ""
        let showTitle = !(page?.startsWithTitle ?? false)
        let matter = page?.source.frontMatter ?? FrontMatter()
        let contents = TableOfContents(page?.headings ?? [])
        let date = matter.date.map { $0.description }
        let tags = matter.tags.map { (name: $0, url: URLPaths.relative(from: path, to: SiteTree.tagPath($0))) }
        let linkedFrom = index.backlinks(to: path)
        let pageValues: [String: Any] = [
            "title": title,
            "summary": summary.isEmpty ? Absent() : summary,
            "description": summary.isEmpty ? (config.description ?? config.title) : summary,
            "content": page?.html ?? "",
            "show_title": showTitle,
            "date": date ?? Absent(),
            "tags": tags.map { object(["name": $0.name, "url": $0.url]) },
            "has_tags": !matter.tags.isEmpty,
            "backlinks": linkedFrom.map { object(["title": index.titles[$0] ?? $0, "url": URLPaths.relative(from: path, to: $0)]) },
            "has_backlinks": !linkedFrom.isEmpty,
            "url": URLPaths.relative(from: path, to: path),
            "kind": page?.source.kind.rawValue ?? "section",
            "has_toc": !contents.isEmpty,
            "source": page?.source.path ?? Absent(),
        ]
        var (values, shared) = common(at: path)
        // The page's own front-matter keys, made only for a template that asks for them.
        let params = LazyValue { [recorder] in
            TemplateObject(
                Dictionary(matter.params.map { ($0.key, templateValue($0.value)) }, uniquingKeysWith: { a, _ in a }), recorder: recorder)
        }
        // The table of contents is made for the templates that show it, in the form they ask for.
        let lazy = [
            "params": params, "toc": LazyValue { [self] in toc(contents) }, "toc_html": LazyValue { contents.html },
            "meta_html": LazyValue { PageChrome.meta(date: date, tags: tags) },
        ]
        values["page"] = TemplateObject(pageValues, lazy: lazy, recorder: recorder)
        // Home, then each section above the page (not the page itself).
        let trail = (index.ancestors[path] ?? []).map { chromeLink(to: $0, from: path) }
        let hasBreadcrumbs = path != tree.home.outputPath
        values["has_breadcrumbs"] = hasBreadcrumbs
        let position = index.position[path]
        let previous = position.flatMap { $0 > 0 ? chromeLink(to: tree.readingOrder[$0 - 1], from: path) : nil }
        let next = position.flatMap { $0 + 1 < tree.readingOrder.count ? chromeLink(to: tree.readingOrder[$0 + 1], from: path) : nil }
        // The trail and the neighbours as the default theme shows them, written here (see `PageChrome`),
        // or as values to loop over: each made only when a template asks for it.
        let chrome = [
            "pager_html": LazyValue { PageChrome.pager(previous: previous, next: next) },
            "breadcrumbs_html": LazyValue { PageChrome.breadcrumbs(trail, title: title, shown: hasBreadcrumbs) },
            "breadcrumbs": LazyValue { [self] in trail.map(object) },
            "prev": LazyValue { [self] in value(previous) },
            "next": LazyValue { [self] in value(next) },
        ]
        values["section"] = section.map { sectionValues($0, from: path) } ?? Absent()
        values["tag_list"] = [Any]()
        values["tag"] = Absent()
        // The home page can summarise the dashboard it links to.
        values["dashboard"] = path == tree.home.outputPath ? dashboard.map { statusValues($0, at: path) } ?? Absent() : Absent()
        return TemplateObject(values, shared: shared, lazy: chrome, recorder: recorder)
    }

    /// The model for `404.html`: links from the site root, or absolute when `base_url` is set.
    public func notFoundModel() -> TemplateObject {
        var values = syntheticPage(title: "Page not found", description: "This page does not exist.", kind: "404", at: "404.html")
        if let base = config.baseURL {
            // Served at any depth: its stylesheet and scripts are linked from the site's address.
            var links = links(from: "404.html")
            links["root"] = base.hasSuffix("/") ? base : base + "/"
            values.merge(links.merging(folderPieces(links, key: "404.html")) { own, _ in own }) { _, new in new }
        }
        return object(values)
    }

    /// The model for `tags/index.html`: every tag with its page count.
    public func tagsIndexModel() -> TemplateObject {
        let path = "tags/index.html"
        var values = syntheticPage(title: "Tags", description: "Every tag used in \(config.title).", kind: "tags", at: path)
        values["tag_list"] = tree.tags.map { tag in
            object(["name": tag.name, "url": URLPaths.relative(from: path, to: tag.outputPath), "count": tag.pages.count])
        }
        return object(values)
    }

    /// The model for one tag's page: the pages carrying it, in reading order.
    public func tagModel(_ tag: SiteTag) -> TemplateObject {
        var values = syntheticPage(title: "Tagged “\(tag.name)”", description: "Pages tagged \(tag.name).", kind: "tag", at: tag.outputPath)
        values["tag"] = TemplateObject(["name": tag.name], lazy: pageLists(tag.pages, from: tag.outputPath), recorder: recorder)
        return object(values)
    }

    /// The model for `dashboard.html`: a page like the others, plus `dashboard` (see `StatusModel`).
    public func dashboardModel(_ summary: StatusSummary) -> TemplateObject {
        let path = SiteRenderer.dashboardPath
        var values = syntheticPage(
            title: "Dashboard", description: "KPIs, risks, priorities, checklists and meetings from every page of \(config.title).",
            kind: "dashboard", at: path)
        values["dashboard"] = statusValues(summary, at: path)
        return object(values)
    }

    /// The dashboard's values with links relative to `path`.
    private func statusValues(_ summary: StatusSummary, at path: String) -> TemplateObject {
        var status = StatusModel(
            summary: summary,
            link: { location in
                URLPaths.relative(from: path, to: location.page) + (location.anchor.map { "#\($0)" } ?? "")
            }, recorder: recorder)
        status.limit = StatusModel.dashboardLimit
        return status.model()
    }

    /// Values for a page that has no content file (404, tags): the same names as a content page.
    private func syntheticPage(title: String, description: String, kind: String, at path: String) -> [String: Any] {
        var (values, shared) = common(at: path)
        values.merge(shared) { own, _ in own }
        values["page"] = object([
            "title": title, "description": description, "summary": Absent(), "show_title": true, "content": "",
            "toc": [Any](), "toc_html": "", "has_toc": false, "tags": [Any](), "has_tags": false, "date": Absent(),
            "meta_html": "", "params": object([:]), "url": URLPaths.relative(from: path, to: path), "kind": kind, "source": Absent(),
        ])
        let trail = kind == "404" ? [] : [chromeLink(to: tree.home.outputPath, from: path)]
        values["breadcrumbs"] = trail.map(object)
        values["has_breadcrumbs"] = kind != "404"
        values["breadcrumbs_html"] = PageChrome.breadcrumbs(trail, title: title, shown: kind != "404")
        values["prev"] = Absent()
        values["next"] = Absent()
        values["pager_html"] = PageChrome.pager(previous: nil, next: nil)
        values["section"] = Absent()
        values["tag_list"] = [Any]()
        values["tag"] = Absent()
        return values
    }

    /// The values every page has: its own (`site` reports to this page's recorder) and those shared
    /// by every page of its folder.
    private func common(at path: String) -> (own: [String: Any], shared: [String: Any]) {
        let own: [String: Any] = [
            "site": object(siteValues),
            "canonical": config.baseURL.map { Self.absolute($0, path) } ?? Absent(),
            "nav_html": navigationHTML(at: path),
            "path": path,
        ]
        return (
            own,
            folderLinks.values(for: path) { folder in
                let links = links(from: path)
                return links.merging(folderPieces(links, key: folder)) { own, _ in own }
            }
        )
    }

    /// The pieces of a page that depend only on its folder, by the template that renders each: the
    /// stylesheet and scripts, the header and the footer.
    static let folderPieceNames = [("head", "head_html"), ("header", "header_html"), ("footer", "footer_html")]

    /// The folder's pieces, each rendered once with `site` and the folder's `links` only (`root`,
    /// `home_url` and the other links), so that nothing of a page can reach them.
    private func folderPieces(_ links: [String: Any], key: String) -> [String: Any] {
        guard let pieces else { return [:] }
        var values: [String: Any] = [:]
        for (template, name) in Self.folderPieceNames where pieces.theme.has(template) {
            values[name] = pieces.html(of: template, for: key) { recorder in
                var model = links
                model["site"] = TemplateObject(siteValues, recorder: recorder)
                return TemplateObject(model, recorder: recorder)
            }
        }
        return values
    }

    /// Links from a page at `path` that depend only on its folder.
    private func links(from path: String) -> [String: Any] {
        [
            "root": URLPaths.root(from: path),
            "home_url": URLPaths.relative(from: path, to: tree.home.outputPath),
            "tags_url": tree.tags.isEmpty ? Absent() : URLPaths.relative(from: path, to: "tags/index.html"),
            "export_url": linksExport ? URLPaths.relative(from: path, to: OutputNames.export) : Absent(),
            "dashboard_url": hasDashboard ? URLPaths.relative(from: path, to: SiteRenderer.dashboardPath) : Absent(),
            "search_index_url": URLPaths.relative(from: path, to: OutputNames.searchIndex),
            "nav_script": index.isLarge ? URLPaths.relative(from: path, to: NavScriptBuilder.fileName) : Absent(),
        ]
    }

    static func absolute(_ base: String, _ path: String) -> String {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        let clean = path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
        return trimmed + "/" + clean.split(separator: "/").map { URLPaths.encode(String($0)) }.joined(separator: "/")
            + (clean.hasSuffix("/") && !clean.isEmpty ? "/" : "")
    }

    private func chromeLink(to target: String, from path: String) -> PageChrome.Link {
        PageChrome.Link(title: index.titles[target] ?? target, url: URLPaths.relative(from: path, to: target))
    }

    private func object(_ link: PageChrome.Link) -> TemplateObject { object(["title": link.title, "url": link.url]) }

    /// `link` as a template value; absent when there is none. (Not `map(object) ?? Absent()`: made
    /// `Any`, that is an optional which sections take for a value even when it holds nothing.)
    private func value(_ link: PageChrome.Link?) -> Any {
        guard let link else { return Absent() }
        return object(link)
    }

    /// The sidebar's HTML, rendered from the `nav` template with `nav`, `home_url`, `root`, `site` and
    /// `path`. Pages with the same sidebar share one rendering: on a large site that is every page of a
    /// folder, which keeps the cost of the sidebar per page constant.
    private func navigationHTML(at path: String) -> String {
        guard let pieces else { return "" }
        let folder = URLPaths.segments(of: path).dropLast().joined(separator: "/")
        let isSection = index.isSection(path)
        let ownKey = isSection || path == SiteRenderer.dashboardPath
        let key = index.isLarge ? folder + (ownKey ? "|" + path : "") : path
        return pieces.html(of: "nav", for: key) { recorder in
            var builder = self
            builder.recorder = recorder
            return builder.navigationModel(at: path)
        }
    }

    private func navigationModel(at path: String) -> TemplateObject {
        TemplateObject(
            [
                "nav": navigation(from: path), "home_url": URLPaths.relative(from: path, to: tree.home.outputPath),
                "dashboard_url": hasDashboard ? URLPaths.relative(from: path, to: SiteRenderer.dashboardPath) : Absent(),
                "dashboard_current": path == SiteRenderer.dashboardPath,
                "root": URLPaths.root(from: path), "path": path,
                "site": object(siteValues),
            ], recorder: recorder)
    }

    /// The sidebar. Small sites get the whole tree; large ones only the sections on the way to the
    /// current page, completed by `nav.js` in the browser, so a page's size does not grow with the site.
    private func navigation(from path: String) -> [TemplateObject] {
        let complete = !index.isLarge
        let open = Set(index.ancestors[path] ?? []).union([path])
        func pageEntry(_ page: RenderedPage) -> TemplateObject {
            object([
                "title": page.title, "url": URLPaths.relative(from: path, to: page.outputPath), "current": page.outputPath == path,
                "open": false, "pages": [Any](), "sections": [Any](), "has_children": false,
            ])
        }
        func entry(_ section: SiteSection) -> TemplateObject {
            let isOpen = open.contains(section.outputPath)
            let pages = complete ? section.pages.map(pageEntry) : []
            let children = complete ? section.sections.map(entry) : section.sections.filter { open.contains($0.outputPath) }.map(entry)
            return object([
                "title": section.title, "url": URLPaths.relative(from: path, to: section.outputPath),
                "current": section.outputPath == path, "open": isOpen, "pages": pages, "sections": children,
                "has_children": !pages.isEmpty || !children.isEmpty,
            ])
        }
        guard complete else {
            // Only the sections on the way to this page; nav.js brings in the rest.
            return tree.home.sections.filter { open.contains($0.outputPath) }.map(entry)
        }
        return tree.home.pages.map(pageEntry) + tree.home.sections.map(entry)
    }

    /// `section`: its pages and sub-sections (each with its pages), as lists to loop over and as the
    /// lists the default theme shows, written (`cards_html`), each made only when a template asks.
    private func sectionValues(_ section: SiteSection, from path: String) -> TemplateObject {
        let children = section.sections.map { child in
            TemplateObject(
                [
                    "title": child.title, "url": URLPaths.relative(from: path, to: child.outputPath),
                    "summary": child.summary.isEmpty ? Absent() : child.summary, "has_pages": !child.pages.isEmpty,
                ], lazy: pageLists(child.pages, from: path), recorder: recorder)
        }
        return TemplateObject(
            ["title": section.title, "has_pages": !section.pages.isEmpty, "sections": children, "has_sections": !children.isEmpty],
            lazy: pageLists(section.pages, from: path), recorder: recorder)
    }

    /// `pages` (`title`, `url`, `summary`, `date`) and `cards_html` for `pages` seen from `path`.
    private func pageLists(_ pages: [RenderedPage], from path: String) -> [String: LazyValue] {
        let cards = LazyValue {
            PageChrome.cards(
                pages.map { page in
                    PageChrome.Card(link: .init(title: page.title, url: URLPaths.relative(from: path, to: page.outputPath)), summary: page.summary)
                })
        }
        let list = LazyValue { [self] in
            pages.map { page in
                object([
                    "title": page.title, "url": URLPaths.relative(from: path, to: page.outputPath),
                    "summary": page.summary.isEmpty ? Absent() : page.summary,
                    "date": page.source.frontMatter.date.map { $0.description } ?? Absent(),
                ])
            }
        }
        return ["pages": list, "cards_html": cards]
    }

    /// `page.toc`: h2 entries with their h3 children.
    private func toc(_ contents: TableOfContents) -> [TemplateObject] {
        contents.entries.map { entry in
            object([
                "text": entry.heading.text, "id": entry.heading.id,
                "children": entry.children.map { object(["text": $0.text, "id": $0.id]) },
                "has_children": !entry.children.isEmpty,
            ])
        }
    }

    /// Front-matter values as templates see them: text, numbers, lists and objects.
    private func templateValue(_ node: YAMLNode) -> Any {
        switch node.kind {
        case .scalar(_, .null): return Absent()
        case .scalar(let text, .bool): return node.bool ?? (text == "true")
        case .scalar(let text, _): return text
        case .sequence(let items): return items.map(templateValue)
        case .mapping(let pairs):
            return object(Dictionary(pairs.map { ($0.key, templateValue($0.value)) }, uniquingKeysWith: { a, _ in a }))
        }
    }
}
