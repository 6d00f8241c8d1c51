import PlaybookMarkdown

/// A page after Markdown rendering: HTML, headings, title and where it is written.
///
/// Its fields are `Fields`, read and changed through the page (`page.title`). A value, kept in one
/// shared box that is copied only on a change: the stages pass a large site's pages around in
/// arrays and dictionaries, and a copy then costs one reference count, not one per field (as plain
/// fields, a one-page edit of 10,000 pages ran 55% more instructions, most of them copying pages).
/// The HTML and the plain text are the bulk of a page; a page taken from the build cache reads them
/// only when something asks for them (see `PageText`), so a one-page edit of a large site does not
/// read every page's HTML.
@dynamicMemberLookup
public struct RenderedPage: Hashable, Sendable {
    /// Everything a page is.
    public struct Fields: Hashable, Sendable {
        public var source: PageSource
        public var outputPath: String
        public var title: String
        public var summary: String
        public var headings: [Heading]
        /// Ids of blocks marked `^id` (Obsidian's block ids), which links may point at like headings.
        public var blockIDs: [String] = []
        /// The notes shown on the page (`![[Note]]`, content paths), at any depth.
        public var embeds: [String] = []
        /// True when the body opens with its own `# ` heading, so the template adds no `<h1>`.
        public var startsWithTitle: Bool
        public var links: [InternalLink]
        /// Files generated beside the page (calendar files from cadence blocks).
        public var attachments: [OutputFile]
        /// The evaluated items of the page's blocks, for the dashboard and the status report.
        public var blocks: PageBlocks
        /// The HTML and the plain text.
        var text: PageText
    }

    private var box: SharedBox<Fields>

    init(_ fields: Fields) { box = SharedBox(fields) }

    /// The page's fields, read.
    var fields: Fields { box.value }

    public subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        get { box.value[keyPath: field] }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = SharedBox(box.value) }
            yield &box.value[keyPath: field]
        }
    }

    public static func == (left: RenderedPage, right: RenderedPage) -> Bool { left.box === right.box || left.box.value == right.box.value }

    public func hash(into hasher: inout Hasher) { hasher.combine(box.value) }
}

extension RenderedPage {
    public init(
        source: PageSource, outputPath: String, title: String, summary: String, html: String, headings: [Heading], startsWithTitle: Bool,
        links: [InternalLink], attachments: [OutputFile] = [], plainText: String = "", blocks: PageBlocks = .empty
    ) {
        self.init(
            Fields(
                source: source, outputPath: outputPath, title: title, summary: summary, headings: headings, startsWithTitle: startsWithTitle,
                links: links, attachments: attachments, blocks: blocks, text: PageText(html: html, plainText: plainText)))
    }

    public var html: String {
        get { self.text.contents.html }
        set { self.text = PageText(html: newValue, plainText: plainText) }
    }

    /// The page's text without markup, for the search index.
    public var plainText: String {
        get { self.text.contents.plainText }
        set { self.text = PageText(html: html, plainText: newValue) }
    }
}

/// A value in a class, shared by the copies of the struct that holds it until one of them changes it.
final class SharedBox<Value>: @unchecked Sendable {
    var value: Value

    init(_ value: Value) { self.value = value }
}
