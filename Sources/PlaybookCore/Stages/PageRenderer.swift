import Foundation
import PlaybookMarkdown

/// Renders a page's Markdown with cmark, rewriting `.md` links to output pages and expanding blocks.
public struct PageRenderer: Sendable {
    public var markdown: MarkdownRenderer
    public var routes: RouteTable
    public var config: SiteConfig
    public var buildDate: Day
    /// Files under `data/`, for blocks with `source:`.
    public var dataFiles: [String: Data]
    /// Output paths of the files that are not pages (images, static files): links to them are checked.
    public var files: Set<String>
    public var linkStyle: LinkStyle = .relative
    /// Prefix for every id the page's content gives out (headings, blocks), to keep ids unique in an export.
    public var idPrefix = ""
    /// Where wikilinks point (made when the first page has one).
    var wikilinks: Lazy<WikilinkIndex>?
    /// The page at a content path (`content/Note.md`) as it is on disk, for embeds (`![[Note]]`).
    var readPage: (@Sendable (String) -> PageSource?)?
    /// Highlights fenced code with a language (nil: `highlight: false`, code stays plain).
    public var highlighter: CodeHighlighter?
    /// The block kinds a fenced code block may name.
    public var blockKinds = BlockKinds.standard
    /// Set while the Markdown stage renders pages: code goes to `highlighter` without waiting for it.
    var deferredHighlights: DeferredHighlights?

    /// Element ids pages use besides headings; headings never take them (theme ids start with `pb-`).
    public static let themeIDs: Set<String> = ["top", "content", "main"]

    public init(
        config: SiteConfig, routes: RouteTable, buildDate: Day = Day(unixTime: 0), dataFiles: [String: Data] = [:],
        files: Set<String> = []
    ) {
        self.config = config
        self.buildDate = buildDate
        self.dataFiles = dataFiles
        self.files = files
        var options: MarkdownOptions = []
        if config.smartPunctuation { options.insert(.smartPunctuation) }
        if config.unsafeHTML { options.insert(.allowRawHTML) }
        markdown = MarkdownRenderer(options: options, reservedIDs: Self.themeIDs)
        markdown.singleTitle = true
        self.routes = routes
    }

    /// Renders one page; link and block problems come back as diagnostics with file lines.
    public func render(_ page: PageSource) -> (RenderedPage, [Diagnostic]) {
        let outputPath = routes.outputPath[page.path] ?? ""
        let found = PageFindings(page: page, outputPath: outputPath, renderer: self)
        var renderer = markdown
        renderer.idPrefix = idPrefix
        let hooks = MarkdownHooks(
            rewriteLink: { found.rewrite($0) }, replaceCodeBlock: { found.replace($0) }, taskList: { found.checklist(from: $0) },
            resolveWikilink: { found.wikilink($0) }, embedNote: { found.embed($0, on: page) }, pagePath: page.path)
        let rendered = renderer.render(page.body, hooks: hooks)
        let title = page.frontMatter.title ?? rendered.firstTitle ?? PathRules.title(fromFileName: page.displayName)
        let summary = page.frontMatter.summary ?? Self.shorten(rendered.firstParagraph, to: 200)
        let headings = rendered.headings.map { heading -> Heading in
            var copy = heading
            copy.line += page.bodyLineOffset
            return copy
        }
        // Each item links to the heading above its block (none above it: the top of the page).
        var blocks = found.blocks
        blocks.updateLocations { location in
            guard location.anchor == nil else { return }
            location.anchor = headings.last { $0.line < location.blockLine && $0.level > 1 }?.id
        }
        // The page's text and its blocks' (a page without blocks keeps its text as it is, not a copy).
        let texts = ([rendered.plainText] + found.blockText).filter { !$0.isEmpty }
        var renderedPage = RenderedPage(
            source: page, outputPath: outputPath, title: title, summary: summary, html: rendered.html,
            headings: headings, startsWithTitle: rendered.startsWithTitle, links: found.internalLinks,
            attachments: found.attachments, plainText: texts.count == 1 ? texts[0] : texts.joined(separator: " "))
        renderedPage.blocks = blocks
        if !rendered.blockIDs.isEmpty { renderedPage.blockIDs = rendered.blockIDs }
        if !found.embeds.isEmpty { renderedPage.embeds = found.embeds }
        // Tags written in the text (`#tag`) join the page's own, each once (in any case).
        for tag in rendered.tags where !renderedPage.source.frontMatter.tags.contains(where: { $0.lowercased() == tag.lowercased() }) {
            renderedPage.source.frontMatter.tags.append(tag)
        }
        let markdownProblems = rendered.problems.map { problem in
            // A footnote without a definition counts as a broken link (`--strict`, `links: error`).
            Diagnostic(
                problem.kind == .brokenReference ? config.brokenLinks : .warning,
                SourceLocation(path: page.path, line: problem.line + page.bodyLineOffset), problem.message)
        }
        return (renderedPage, found.diagnostics + markdownProblems)
    }

    /// The link to `path#fragment` as written on the page at `source`.
    func url(to path: String, fragment: String?, from source: String) -> String {
        if case .singleFile(let anchors, _, let headings) = linkStyle {
            let anchor = anchors[path] ?? ""
            guard let fragment, !fragment.isEmpty else { return "#\(anchor)" }
            if let known = headings[path], !known.contains(fragment.removingPercentEncoding ?? fragment), !Self.themeIDs.contains(fragment) {
                // A heading's id written in other case (GitHub accepts it) lands on the heading.
                let lowered = (fragment.removingPercentEncoding ?? fragment).lowercased()
                return known.contains(lowered) ? "#\(anchor)-\(lowered)" : "#\(anchor)"
            }
            return "#\(anchor)-\(fragment)"
        }
        let base = path == source ? "" : URLPaths.relative(from: source, to: path)
        return base + (fragment.map { "#\($0)" } ?? "")
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
        case file(String)
    }

    /// Classifies a link destination written in `folder` (a content folder such as `content/plan`).
    func resolve(_ destination: String, folder: String) -> LinkTarget {
        if destination.isEmpty { return .external }
        if destination.hasPrefix("#") { return .fragmentOnly(String(destination.dropFirst())) }
        // Anything with a scheme (https:, mailto:) or a protocol-relative `//host` is not ours.
        if destination.hasPrefix("//") { return .external }
        // Cut on bytes: `:`, `#`, `?` and `/` are one byte each in UTF-8, and never inside another character's bytes.
        let bytes = destination.utf8
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
            !bytes[..<colon].contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") })
        {
            return .external
        }
        var cut = Substring(destination)
        var fragment: String?
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(destination[bytes.index(after: hash)...])
            cut = destination[..<hash]
        }
        if let query = cut.utf8.firstIndex(of: UInt8(ascii: "?")) { cut = cut[..<query] }
        let path = String(cut)
        let decoded = path.utf8.contains(UInt8(ascii: "%")) ? path.removingPercentEncoding ?? path : path
        let fromRoot = decoded.hasPrefix("/")
        guard let resolved = URLPaths.resolve(fromRoot ? String(decoded.dropFirst()) : decoded, in: fromRoot ? "content" : folder),
            resolved == "content" || resolved.hasPrefix("content/")
        else {
            return .missing(decoded)
        }
        if MarkdownFileName.matches(decoded) {
            if let target = routes.outputPath[resolved] { return .page(target, fragment: fragment) }
            return .missing(resolved)
        }
        if let section = routes.sectionPath[resolved] { return .page(section, fragment: fragment) }
        let output = Self.outputPath(ofContentFile: resolved)
        if files.contains(output) { return .file(output) }
        if routes.outputPath.values.contains(output) { return .page(output, fragment: fragment) }
        return .missing(resolved)
    }

    /// `content/My Folder/x.png` → `my-folder/x.png`: folders are slugged like pages, file names kept.
    static func outputPath(ofContentFile path: String) -> String {
        let parts = path.split(separator: "/").dropFirst().map(String.init)
        return (parts.dropLast().map(PathRules.slug) + [parts.last ?? ""]).joined(separator: "/")
    }

    static func shorten(_ text: String, to limit: Int) -> String {
        // No more bytes than the limit means no more characters either: most summaries stop here.
        guard text.utf8.count > limit else { return text }
        // ASCII without CR (each byte one character, and more than `limit` of them): cut on bytes.
        var copy = text
        if let ascii = copy.withUTF8({ bytes -> String? in
            guard bytes[..<(limit + 1)].allSatisfy({ $0 < 0x80 && $0 != 13 }) else { return nil }
            var (start, end) = (0, bytes[..<limit].lastIndex(of: 32) ?? limit)
            while start < end, isTrimmed(Unicode.Scalar(bytes[start])) { start += 1 }
            while end > start, isTrimmed(Unicode.Scalar(bytes[end - 1])) { end -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) + "…"
        }) {
            return ascii
        }
        // Otherwise the cut is found without counting the whole text's characters (a page's text is long).
        guard let cutEnd = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex), cutEnd < text.endIndex else { return text }
        let cut = text[..<cutEnd]
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        var scalars = cut[..<end].unicodeScalars[...]
        while let first = scalars.first, isTrimmed(first) { scalars.removeFirst() }
        while let last = scalars.last, isTrimmed(last) { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars)) + "…"
    }

    /// Punctuation (Unicode's P* categories) and spaces (Zs, tab): what a shortened summary does not
    /// end or start with.
    private static func isTrimmed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\t" { return true }
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default: return false
        }
    }
}

extension PageSource {
    /// The name a title falls back to: the file name, or the folder's name for an index page.
    var displayName: String {
        self.kind == .page ? self.baseName : (self.folders.last ?? "Home")
    }
}
