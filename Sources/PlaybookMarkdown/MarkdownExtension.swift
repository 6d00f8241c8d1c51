/// One change to a page's cmark tree, run after parsing and before rendering.
///
/// Each extension is one file with this one entry point; `MarkdownRenderer.pageExtensions` lists
/// which run, in order. Extensions read the caller's hooks and add what they find to the context.
protocol MarkdownExtension {
    func apply(to document: CmarkDocument, context: inout MarkdownContext)
}

/// What extensions share while one document is rendered: the caller's settings and hooks in, the
/// page's links and headings out.
struct MarkdownContext {
    var hooks: MarkdownHooks
    var reservedIDs: Set<String>
    var idPrefix: String
    var singleTitle: Bool
    var startsWithTitle: Bool
    var links: [LinkReference] = []
    var headings: [Heading] = []
    var firstTitle: String?
    /// Text of blocks rendered to HTML early (table cells), for search.
    var extraText: [String] = []
}
