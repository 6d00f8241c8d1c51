import PlaybookMarkdown

/// A page after Markdown rendering: HTML, headings, title and where it is written.
public struct RenderedPage: Hashable, Sendable {
    public var source: PageSource
    public var outputPath: String
    public var title: String
    public var summary: String
    public var html: String
    public var headings: [Heading]
    /// True when the body opens with its own `# ` heading, so the template adds no `<h1>`.
    public var startsWithTitle: Bool
    public var links: [InternalLink]
    /// Files generated beside the page (calendar files from cadence blocks).
    public var attachments: [OutputFile] = []
    /// The page's text without markup, for the search index.
    public var plainText: String = ""
    /// The evaluated items of the page's blocks, for the dashboard and the status report.
    public var blocks = PageBlocks()
}
