import PlaybookMarkdown

/// A page after Markdown rendering: HTML, headings, title and where it is written.
///
/// A value, kept in one shared box that is copied only on a change: the stages pass a large site's
/// pages around in arrays and dictionaries, and a copy then costs one reference count, not one per
/// field. The HTML and the plain text are the bulk of a page; a page taken from the build cache
/// reads them from its text file only when something asks for them (see `PageText`), so a one-page
/// edit of a large site does not decode every page's HTML.
public struct RenderedPage: Hashable, Sendable {
    private final class Box: @unchecked Sendable {
        var source: PageSource
        var outputPath: String
        var title: String
        var summary: String
        var headings: [Heading]
        var startsWithTitle: Bool
        var links: [InternalLink]
        var attachments: [OutputFile]
        var blocks: PageBlocks
        var text: PageText
        /// Where the cache has this page's record; any change forgets it.
        var stored: PageSegment.Location?

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

        func copy() -> Box {
            Box(
                source: source, outputPath: outputPath, title: title, summary: summary, headings: headings, startsWithTitle: startsWithTitle,
                links: links, attachments: attachments, blocks: blocks, text: text)
        }
    }

    private var box: Box

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
        box = Box(
            source: source, outputPath: outputPath, title: title, summary: summary, headings: headings, startsWithTitle: startsWithTitle,
            links: links, attachments: attachments, blocks: blocks, text: text)
    }

    private mutating func unique() {
        if !isKnownUniquelyReferenced(&box) { box = box.copy() }
    }

    public var source: PageSource {
        _read { yield box.source }
        _modify {
            unique()
            box.stored = nil
            yield &box.source
        }
    }

    public var outputPath: String {
        _read { yield box.outputPath }
        _modify {
            unique()
            box.stored = nil
            yield &box.outputPath
        }
    }

    public var title: String {
        _read { yield box.title }
        _modify {
            unique()
            box.stored = nil
            yield &box.title
        }
    }

    public var summary: String {
        _read { yield box.summary }
        _modify {
            unique()
            box.stored = nil
            yield &box.summary
        }
    }

    public var headings: [Heading] {
        _read { yield box.headings }
        _modify {
            unique()
            box.stored = nil
            yield &box.headings
        }
    }

    /// True when the body opens with its own `# ` heading, so the template adds no `<h1>`.
    public var startsWithTitle: Bool {
        _read { yield box.startsWithTitle }
        _modify {
            unique()
            box.stored = nil
            yield &box.startsWithTitle
        }
    }

    public var links: [InternalLink] {
        _read { yield box.links }
        _modify {
            unique()
            box.stored = nil
            yield &box.links
        }
    }

    /// Files generated beside the page (calendar files from cadence blocks).
    public var attachments: [OutputFile] {
        _read { yield box.attachments }
        _modify {
            unique()
            box.stored = nil
            yield &box.attachments
        }
    }

    /// The evaluated items of the page's blocks, for the dashboard and the status report.
    public var blocks: PageBlocks {
        _read { yield box.blocks }
        _modify {
            unique()
            box.stored = nil
            yield &box.blocks
        }
    }

    /// The HTML and the plain text, in memory or in the cache's text file.
    var text: PageText { box.text }

    /// Where the cache has this page's record, if it is unchanged since it was read or written there.
    var storedRecord: PageSegment.Location? { box.stored }

    /// Notes that this page (this very value and its unchanged copies) is stored at `offset` of record
    /// file `file`.
    func didStore(in file: Int, at offset: Int) { box.stored = PageSegment.Location(file: file, offset: offset) }

    public var html: String {
        get { box.text.contents.html }
        set {
            unique()
            box.stored = nil
            box.text = PageText(html: newValue, plainText: plainText)
        }
    }

    /// The page's text without markup, for the search index.
    public var plainText: String {
        get { box.text.contents.plainText }
        set {
            unique()
            box.stored = nil
            box.text = PageText(html: html, plainText: newValue)
        }
    }

    public static func == (left: RenderedPage, right: RenderedPage) -> Bool {
        if left.box === right.box { return true }
        let (a, b) = (left.box, right.box)
        return a.source == b.source && a.outputPath == b.outputPath && a.title == b.title && a.summary == b.summary
            && a.headings == b.headings && a.startsWithTitle == b.startsWithTitle && a.links == b.links && a.attachments == b.attachments
            && a.blocks == b.blocks && a.text == b.text
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.source)
        hasher.combine(box.outputPath)
        hasher.combine(box.title)
        hasher.combine(box.summary)
        hasher.combine(box.headings)
        hasher.combine(box.startsWithTitle)
        hasher.combine(box.links)
        hasher.combine(box.attachments)
        hasher.combine(box.blocks)
        hasher.combine(box.text)
    }
}
