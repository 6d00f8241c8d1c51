import Foundation
import PlaybookMarkdown

/// What the Markdown hooks find while one page is rendered: its internal links, blocks, attachments,
/// search text of blocks and problems. One object per page render, used on one thread.
final class PageFindings {
    let page: PageSource
    let outputPath: String
    let renderer: PageRenderer
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var internalLinks: [InternalLink] = []
    private(set) var attachments: [OutputFile] = []
    private(set) var blockText: [String] = []
    private(set) var blocks = PageBlocks()
    /// The notes shown on the page (`![[Note]]`), at any depth, each once: the page is rendered again
    /// when one of them changes.
    private(set) var embeds: [String] = []
    private lazy var context: BlockContext = makeContext()
    private let expander: BlockExpander

    init(page: PageSource, outputPath: String, renderer: PageRenderer) {
        self.page = page
        self.outputPath = outputPath
        self.renderer = renderer
        expander = BlockExpander(dataFiles: renderer.dataFiles, kinds: renderer.blockKinds)
    }

    private func makeContext() -> BlockContext {
        var context = BlockContext(
            config: renderer.config, buildDate: renderer.buildDate, markdown: renderer.markdown, pagePath: outputPath,
            pageVars: PageRenderer.vars(of: page), ids: PageIDs(prefix: renderer.idPrefix),
            rewriteLink: { [unowned self] link in
                // Lines inside a block field are relative to the field; the fence line is given instead.
                var shifted = link
                shifted.line = link.line - page.bodyLineOffset
                return rewrite(shifted)
            })
        context.dataFiles = renderer.dataFiles
        if case .singleFile = renderer.linkStyle {
            context.inlineAttachments = true
            context.collectsItems = false
        }
        return context
    }

    /// The new destination of a link (nil keeps it); a link to nothing is reported. An embedded note's
    /// links are the note's: its own page lists and checks them, so here they are only rewritten.
    func rewrite(_ link: LinkReference) -> String? {
        let records = !link.isInEmbed
        let line = link.line + page.bodyLineOffset
        let folder = (["content"] + page.folders).joined(separator: "/")
        switch renderer.resolve(link.destination, folder: folder) {
        case .external:
            return nil
        case .missing(let looked):
            guard records else { return nil }
            // A warning, so an imported handbook with stale links still builds (`--strict` or `links: error`: an error).
            let isPage = !link.isImage && link.destination.split(separator: "#").first.map { MarkdownFileName.matches(String($0)) } ?? false
            let what = link.isImage ? "image" : isPage ? "page" : "file"
            let message = "link to missing \(what) '\(link.destination)' (looked for \(looked))"
            diagnostics.append(Diagnostic(renderer.config.brokenLinks, SourceLocation(path: page.path, line: line), message))
            return nil
        case .fragmentOnly(let fragment):
            if records { internalLinks.append(InternalLink(targetPath: outputPath, fragment: fragment, line: line, written: link.destination)) }
            return renderer.url(to: outputPath, fragment: fragment, from: outputPath)
        case .page(let path, let fragment):
            if records { internalLinks.append(InternalLink(targetPath: path, fragment: fragment, line: line, written: link.destination)) }
            return renderer.url(to: path, fragment: fragment, from: outputPath)
        case .file(let path):
            if case .singleFile(_, let images, _) = renderer.linkStyle, let data = images[path] {
                return "data:\(MediaType.of(path));base64,\(data.base64EncodedString())"
            }
            return URLPaths.relative(from: outputPath, to: path)
        }
    }

    /// Where a wikilink on `source` (this page, or a note shown on it) points (nil: the note of that
    /// name beside the page, reported when missing); on this page, a name two files share is a warning
    /// naming both.
    func wikilink(_ link: Wikilink, on source: PageSource? = nil) -> String? {
        guard !link.target.isEmpty else { return WikilinkIndex.destination(path: nil, anchor: link.anchor) }
        let source = source ?? page
        guard let index = renderer.wikilinks?.value, let found = index.target(of: link, from: source.folders.joined(separator: "/")) else {
            return nil
        }
        if !found.others.isEmpty, source.path == page.path {
            let all = ([found.path] + found.others).map { "content/" + $0 }
            diagnostics.append(
                .warning(
                    page.path, line: link.line + page.bodyLineOffset,
                    "wikilink '[[\(link.target)]]' could be \(all.joined(separator: " or ")); it links to \(all[0])"))
        }
        return WikilinkIndex.destination(path: found.path, anchor: link.anchor)
    }

    /// The note an embed on `source` (this page, or a note shown on it) shows; nil when it names no
    /// page (an image or other file, or nothing: then it is a link).
    func embed(_ link: Wikilink, on source: PageSource) -> NoteEmbed? {
        guard !link.target.isEmpty, let index = renderer.wikilinks?.value,
            let found = index.target(of: link, from: source.folders.joined(separator: "/"))
        else { return nil }
        let path = "content/" + found.path
        guard MarkdownFileName.matches(path), renderer.routes.outputPath[path] != nil, let note = renderer.readPage?(path) else { return nil }
        if !embeds.contains(path) { embeds.append(path) }
        let folder = note.folders.joined(separator: "/")
        let encodedFolder = folder.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? folder
        return NoteEmbed(
            markdown: note.body, path: path, destination: WikilinkIndex.destination(path: found.path, anchor: nil) ?? "/",
            folder: folder.isEmpty ? "/" : "/\(encodedFolder)/", title: note.frontMatter.title ?? PathRules.title(fromFileName: note.displayName),
            hooks: MarkdownHooks(resolveWikilink: { [unowned self] in wikilink($0, on: note) }, embedNote: { [unowned self] in embed($0, on: note) }))
    }

    /// The HTML of a generated block (nil: an ordinary code block).
    func replace(_ block: CodeBlock) -> String? {
        // An embedded note's blocks are the note's (their items and ticks belong to its file).
        if block.isInEmbed, expander.kinds.renderer(named: block.language) != nil {
            return "<p class=\"pb-embed-block\">The <code>\(block.language.htmlAttributeEscaped)</code> block of this note is shown on its page.</p>"
        }
        guard let (result, problems) = expander.expand(block, path: page.path, fenceLine: block.line + page.bodyLineOffset, context: context)
        else { return highlighted(block) }
        diagnostics += problems
        attachments += result.attachments
        blockText.append(result.searchText)
        if !problems.hasErrors { blocks.append(result.items) }
        return problems.hasErrors ? "<pre class=\"pb-block-error\">\(block.language) block with errors (see the build output)</pre>" : result.html
    }

    /// The checklist markup of a `[ ]` task list.
    func checklist(from list: TaskList) -> TaskListMarkup? {
        let items = list.items.map { task in
            ChecklistItem(text: task.text, done: task.checked, id: context.ids.unique(task.text), line: task.line + page.bodyLineOffset)
        }
        let markup = ChecklistBlock.wrapper(items, title: nil, context: context)
        // Task lines are already file lines: no block to offset them from.
        let firstLine = items.first?.line ?? 0
        var tasks = PageBlocks()
        tasks[ChecklistEntry.self] = [ChecklistBlock.entry(items, title: nil, listID: markup.listID, line: firstLine, context: context)]
        let path = page.path
        tasks.updateLocations { location in
            location.file = path
            location.blockLine = firstLine
        }
        blocks.append(tasks)
        return TaskListMarkup(before: markup.before, after: markup.after, itemOpen: markup.itemOpen, itemClose: markup.itemClose)
    }

    /// Ordinary code: highlighted when it has a language Pygments knows, else plain. Either way the
    /// `<pre>` can take keyboard focus, since a long line makes it scroll.
    private func highlighted(_ block: CodeBlock) -> String? {
        if let deferred = renderer.deferredHighlights {
            return deferred.html(for: block, path: page.path, line: block.line + page.bodyLineOffset)
        }
        let outcome = renderer.highlighter?.highlight(block) ?? .plain
        if case .unavailable(let reason) = outcome {
            diagnostics.append(.warning(page.path, line: block.line + page.bodyLineOffset, reason))
        }
        return outcome.html(for: block)
    }
}
