/// The HTML of a document and what the renderer learnt while walking it.
public struct RenderedMarkdown: Equatable, Sendable {
    public var html: String
    public var headings: [Heading]
    /// Ids given to blocks marked `^id` at their end (`^a1b2c3`), with the id prefix.
    public var blockIDs: [String] = []
    /// Tags written in the text (`#tag`), without their `#`, in order.
    public var tags: [String] = []
    public var links: [LinkReference]
    /// The text of the first level-1 heading, if any.
    public var firstTitle: String?
    /// True when the document's first block is a level-1 heading.
    public var startsWithTitle: Bool
    /// The plain text of the first top-level paragraph (a fallback summary).
    public var firstParagraph: String
    /// Body text without markup, for search; heading and generated-block text is not included.
    public var plainText: String
    /// What syntax extensions found wrong (an unknown callout type, a footnote without a definition).
    public var problems: [MarkdownProblem] = []
}
