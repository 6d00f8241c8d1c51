import PlaybookMarkdown

/// A page after Markdown rendering: HTML, headings, title and where it is written.
///
/// The HTML and the plain text are the bulk of a page; a page taken from the build cache reads them
/// from its text file only when something asks for them (see `PageText`), so a one-page edit of a
/// large site does not decode every page's HTML.
public struct RenderedPage: Hashable, Sendable {
    public var source: PageSource
    public var outputPath: String
    public var title: String
    public var summary: String
    public var headings: [Heading]
    /// True when the body opens with its own `# ` heading, so the template adds no `<h1>`.
    public var startsWithTitle: Bool
    public var links: [InternalLink]
    /// Files generated beside the page (calendar files from cadence blocks).
    public var attachments: [OutputFile] = []
    /// The evaluated items of the page's blocks, for the dashboard and the status report.
    public var blocks = PageBlocks()
    /// The HTML and the plain text, in memory or in the cache's text file.
    var text: PageText

    public init(
        source: PageSource, outputPath: String, title: String, summary: String, html: String, headings: [Heading], startsWithTitle: Bool,
        links: [InternalLink], attachments: [OutputFile] = [], plainText: String = "", blocks: PageBlocks = PageBlocks()
    ) {
        self.init(
            source: source, outputPath: outputPath, title: title, summary: summary, headings: headings, startsWithTitle: startsWithTitle,
            links: links, attachments: attachments, blocks: blocks, text: PageText(html: html, plainText: plainText))
    }

    init(
        source: PageSource, outputPath: String, title: String, summary: String, headings: [Heading], startsWithTitle: Bool,
        links: [InternalLink], attachments: [OutputFile], blocks: PageBlocks, text: PageText
    ) {
        self.source = source
        self.outputPath = outputPath
        self.title = title
        self.summary = summary
        self.headings = headings
        self.startsWithTitle = startsWithTitle
        self.links = links
        self.attachments = attachments
        self.blocks = blocks
        self.text = text
    }

    public var html: String {
        get { text.contents.html }
        set { text = PageText(html: newValue, plainText: plainText) }
    }

    /// The page's text without markup, for the search index.
    public var plainText: String {
        get { text.contents.plainText }
        set { text = PageText(html: html, plainText: newValue) }
    }
}
