import CCmark

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Renders CommonMark with libcmark. The only type that touches cmark nodes.
public struct MarkdownRenderer: Sendable {
    public var options: MarkdownOptions
    /// Ids the renderer never gives a heading (the theme's own element ids).
    public var reservedIDs: Set<String>
    /// Put before every heading id (`p3-` in a one-file export, so ids stay unique across pages).
    public var idPrefix = ""
    /// Keeps one `<h1>` a page: level-1 headings other than an opening one are rendered as `<h2>`
    /// (the page template supplies the `<h1>` when the body does not open with one).
    public var singleTitle = false

    /// The extensions this renderer runs on a page (`pageExtensions`; a test may run others).
    var extensions = Self.pageExtensions

    public init(options: MarkdownOptions = [.smartPunctuation], reservedIDs: Set<String> = []) {
        self.options = options
        self.reservedIDs = reservedIDs
    }

    /// The extensions every page runs, in order. Those that free nodes come after those that read them.
    static let pageExtensions: [any MarkdownExtension] = [
        LinkRewriting(), Strikethrough(), BlockReplacement(), TaskLists(), EmbeddedMedia(), FlattenedParagraphs(),
        HeadingAnchors(),
    ]
    /// The constructs cmark core does not know, built on the tree right after parsing (pages only).
    /// Footnotes first: it may parse the page again; tables before callouts, which may hold them;
    /// comments out before wikilinks and inline tags, which come last, in the text of all of them.
    static let syntaxExtensions: [any MarkdownSyntax] = [
        PipeTables(), Footnotes(), Callouts(), ObsidianMarks(), BlockIDs(), Wikilinks(), InlineTags(),
    ]
    /// The extensions a one-line field runs (`renderInline`).
    static let inlineExtensions: [any MarkdownExtension] = [RawHTMLAsText(), LinkRewriting(), Strikethrough()]

    /// Parses `markdown`, runs the page extensions with `hooks`, renders HTML.
    public func render(_ markdown: String, hooks: MarkdownHooks = MarkdownHooks()) -> RenderedMarkdown {
        let document = CmarkDocument(
            parsing: markdown, options: options, syntax: SyntaxSettings(idPrefix: idPrefix, hooks: hooks))
        var context = MarkdownContext(
            hooks: hooks, reservedIDs: reservedIDs.union(document.generatedIDs), idPrefix: idPrefix, singleTitle: singleTitle,
            startsWithTitle: document.startsWithTitle)
        for markdownExtension in extensions { markdownExtension.apply(to: document, context: &context) }
        // Taken once strikethrough has removed its tildes (no extension frees a top-level paragraph).
        let summary = document.nodes.firstParagraph.map { document.plainText(of: $0) } ?? ""
        let text = document.plainText()
        var rendered = RenderedMarkdown(
            html: document.renderHTML(), headings: context.headings, links: context.links,
            firstTitle: context.firstTitle, startsWithTitle: context.startsWithTitle,
            firstParagraph: summary, plainText: context.extraText.isEmpty ? text : ([text] + context.extraText).joined(separator: " "),
            problems: document.problems)
        rendered.blockIDs = document.blockIDs
        rendered.tags = document.tags
        return rendered
    }

    /// Renders a short text (a table cell, a label) as inline HTML, without the wrapping `<p>`.
    ///
    /// Unless raw HTML is allowed, inline HTML such as `<b>` is shown as text rather than dropped,
    /// so a value like `<script>` in a data field stays visible (and harmless).
    public func renderInline(_ markdown: String, hooks: MarkdownHooks = MarkdownHooks()) -> String {
        if Self.isPlainText(markdown) { return markdown }
        return renderInlineThroughCmark(markdown, hooks: hooks)
    }

    /// `renderInline` without the shortcut for plain text (which tests hold against it).
    func renderInlineThroughCmark(_ markdown: String, hooks: MarkdownHooks = MarkdownHooks()) -> String {
        let document = CmarkDocument(parsing: markdown, options: options)
        var context = MarkdownContext(hooks: hooks, reservedIDs: [], idPrefix: "", singleTitle: false, startsWithTitle: false)
        for markdownExtension in Self.inlineExtensions { markdownExtension.apply(to: document, context: &context) }
        guard let paragraph = cmark_node_first_child(document.root),
            cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
            cmark_node_next(paragraph) == nil
        else {
            return document.renderHTML()
        }
        var html = ""
        var child = cmark_node_first_child(paragraph)
        while let node = child {
            html += document.renderHTML(node)
            child = cmark_node_next(node)
        }
        return html
    }

    /// The plain text of `markdown` with all markup removed (for summaries and search).
    public func plainText(_ markdown: String) -> String {
        if Self.isPlainText(markdown) { return markdown }
        return CmarkDocument(parsing: markdown, options: options).plainText()
    }

    /// The plain text of a one-line field as `renderInline` shows it: without raw HTML allowed, a
    /// tag-like `<one>` (or a field that starts with an HTML tag) is text and kept; with it allowed,
    /// tags are markup and dropped.
    public func plainInlineText(_ markdown: String) -> String {
        if Self.isPlainText(markdown) { return markdown }
        return CmarkDocument(parsing: markdown, options: options).plainText(keepingHTML: !options.contains(.allowRawHTML))
    }

    /// True when cmark would render `text` as itself: one line of letters, digits, single spaces and
    /// punctuation that starts no Markdown construct, smart punctuation or HTML escape. Block fields
    /// (a KPI's name, a risk's owner, a sentence that ends in a full stop) mostly are, and a data file
    /// may hold hundreds of thousands. `.` and `-` are plain alone; two in a row may be smart punctuation
    /// (`...`, `--`).
    static func isPlainText(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last, first != 0x20, last != 0x20 else { return false }
        // A leading letter starts nothing; leading digits start an ordered list when a `.` or `)` and
        // then a space or the end follow them (`1. `, `2)`), and are a number otherwise (`329ms`, `4`).
        let isDigit = first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")
        guard isDigit || first >= 0x80 || (first | 0x20 >= UInt8(ascii: "a") && first | 0x20 <= UInt8(ascii: "z")) else { return false }
        if isDigit {
            let afterDigits = text.utf8.drop(while: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            if let mark = afterDigits.first, mark == UInt8(ascii: ".") || mark == UInt8(ascii: ")") {
                let next = afterDigits.dropFirst().first
                if next == nil || next == 0x20 { return false }
            }
        }
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: ","), UInt8(ascii: "%"), UInt8(ascii: "/"), UInt8(ascii: ";"), UInt8(ascii: "?"), UInt8(ascii: "@"),
                UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), 0x80...0xFF:
                break
            case UInt8(ascii: "."), UInt8(ascii: "-"):
                if previous == byte { return false }
            case 0x20:
                // Two spaces are kept by cmark too, but before a line end they would mean a break.
                if previous == 0x20 { return false }
            default:
                return false
            }
            previous = byte
        }
        return true
    }
}
