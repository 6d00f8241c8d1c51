import PlaybookMarkdown

/// An internal link found on a page, resolved to the output file it points at.
public struct InternalLink: Hashable, Sendable {
    public var targetPath: String
    public var fragment: String?
    public var line: Int
    /// The destination as the author wrote it, for messages.
    public var written: String
}
