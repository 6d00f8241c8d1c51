import Foundation
import PlaybookMarkdown

/// Renders a page's Markdown with cmark, rewriting `.md` links to output pages.
public struct PageRenderer: Sendable {
    public var markdown: MarkdownRenderer
    public var routes: RouteTable
    public var config: SiteConfig
    public var buildDate: Day
    /// Files under `data/`, for blocks with `source:`.
    public var dataFiles: [String: Data]

    /// Element ids pages use besides headings; headings never take them (theme ids start with `pb-`).
    public static let themeIDs: Set<String> = ["top", "content", "main"]

    public init(config: SiteConfig, routes: RouteTable, buildDate: Day = Day(unixTime: 0), dataFiles: [String: Data] = [:]) {
        self.config = config
        self.buildDate = buildDate
        self.dataFiles = dataFiles
        var options: MarkdownOptions = []
        if config.smartPunctuation { options.insert(.smartPunctuation) }
        if config.unsafeHTML { options.insert(.allowRawHTML) }
        markdown = MarkdownRenderer(options: options, reservedIDs: Self.themeIDs)
        self.routes = routes
    }

    /// Renders one page; link problems come back as diagnostics with file lines.
    public func render(_ page: PageSource) -> (RenderedPage, [Diagnostic]) {
        let outputPath = routes.outputPath[page.path] ?? ""
        let folder = (["content"] + page.folders).joined(separator: "/")
        var diagnostics: [Diagnostic] = []
        var internalLinks: [InternalLink] = []
        let rewriteLink: (LinkReference) -> String? = { link in
            let line = link.line + page.bodyLineOffset
            switch resolve(link.destination, folder: folder) {
            case .external:
                return nil
            case .missing(let target):
                let what = link.isImage ? "image" : "page"
                diagnostics.append(.warning(page.path, line: line, "link to missing \(what) '\(link.destination)' (looked for \(target))"))
                return nil
            case .fragmentOnly(let fragment):
                internalLinks.append(InternalLink(targetPath: outputPath, fragment: fragment, line: line, written: link.destination))
                return nil
            case .page(let target, let fragment):
                internalLinks.append(InternalLink(targetPath: target, fragment: fragment, line: line, written: link.destination))
                let url = target == outputPath ? "" : URLPaths.relative(from: outputPath, to: target)
                return url + (fragment.map { "#\($0)" } ?? "")
            }
        }
        var attachments: [OutputFile] = []
        var context = BlockContext(
            config: config, buildDate: buildDate, markdown: markdown, pagePath: outputPath,
            pageVars: Self.vars(of: page), ids: PageIDs(), rewriteLink: { link in
                // Lines inside a block field are relative to the field; the fence line is given instead.
                var shifted = link
                shifted.line = link.line - page.bodyLineOffset
                return rewriteLink(shifted)
            })
        let expander = BlockExpander(dataFiles: dataFiles)
        let replaceCodeBlock: (CodeBlock) -> String? = { block in
            guard let (result, problems) = expander.expand(block, path: page.path, fenceLine: block.line + page.bodyLineOffset, context: context)
            else { return nil }
            diagnostics += problems
            attachments += result.attachments
            return problems.hasErrors ? "<pre class=\"pb-block-error\">\(block.language) block with errors (see the build output)</pre>" : result.html
        }
        let taskList: (TaskList) -> TaskListMarkup? = { list in
            let items = list.items.map { task in
                ChecklistItem(text: task.text, done: task.checked, id: context.ids.unique(task.text), line: task.line + page.bodyLineOffset)
            }
            let markup = ChecklistBlock.wrapper(items, title: nil, context: context)
            return TaskListMarkup(before: markup.before, after: markup.after, itemOpen: markup.itemOpen, itemClose: markup.itemClose)
        }
        let hooks = MarkdownHooks(rewriteLink: rewriteLink, replaceCodeBlock: replaceCodeBlock, taskList: taskList)
        let rendered = markdown.render(page.body, hooks: hooks)
        let title = page.frontMatter.title ?? rendered.firstTitle ?? PathRules.title(fromFileName: page.displayName)
        let summary = page.frontMatter.summary ?? Self.shorten(rendered.firstParagraph, to: 200)
        let headings = rendered.headings.map { heading -> Heading in
            var copy = heading
            copy.line += page.bodyLineOffset
            return copy
        }
        let renderedPage = RenderedPage(
            source: page, outputPath: outputPath, title: title, summary: summary, html: rendered.html,
            headings: headings, startsWithTitle: rendered.startsWithTitle, links: internalLinks, attachments: attachments)
        return (renderedPage, diagnostics)
    }

    /// Front-matter `vars:` (text values) that prefill script placeholders.
    static func vars(of page: PageSource) -> [String: String] {
        guard let node = page.frontMatter.params.first(where: { $0.key == "vars" })?.value, let pairs = node.mapping else { return [:] }
        var result: [String: String] = [:]
        for pair in pairs { if let text = pair.value.scalarText { result[pair.key] = text } }
        return result
    }

    enum LinkTarget: Equatable {
        case external
        case missing(String)
        case fragmentOnly(String)
        case page(String, fragment: String?)
    }

    /// Classifies a link destination written in `folder` (a content folder such as `content/plan`).
    func resolve(_ destination: String, folder: String) -> LinkTarget {
        if destination.isEmpty { return .external }
        if destination.hasPrefix("#") { return .fragmentOnly(String(destination.dropFirst())) }
        // Anything with a scheme (https:, mailto:) or a protocol-relative `//host` is not ours.
        if destination.hasPrefix("//") { return .external }
        if let colon = destination.firstIndex(of: ":"),
            !destination[..<colon].contains(where: { $0 == "/" || $0 == "?" || $0 == "#" })
        {
            return .external
        }
        var path = destination
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...])
            path = String(path[..<hash])
        }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        let decoded = path.removingPercentEncoding ?? path
        let base = decoded.hasPrefix("/") ? "content" : folder
        guard let resolved = URLPaths.resolve(decoded.hasPrefix("/") ? String(decoded.dropFirst()) : decoded, in: base),
            resolved == "content" || resolved.hasPrefix("content/")
        else {
            return decoded.hasSuffix(".md") ? .missing(decoded) : .external
        }
        if decoded.hasSuffix(".md") {
            if let target = routes.outputPath[resolved] { return .page(target, fragment: fragment) }
            return .missing(resolved)
        }
        if let section = routes.sectionPath[resolved] { return .page(section, fragment: fragment) }
        return .external
    }

    static func shorten(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return cut[..<end].trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)) + "…"
    }
}

extension PageSource {
    /// The name a title falls back to: the file name, or the folder's name for an index page.
    var displayName: String {
        kind == .page ? baseName : (folders.last ?? "Home")
    }
}
