/// A folder of content: its index page, its pages and its sub-folders, in reading order.
public struct SiteSection: Hashable, Sendable {
    /// `content` for the home section, `content/plan` for a folder.
    public var folder: String
    public var outputPath: String
    public var title: String
    public var summary: String
    public var weight: Int?
    /// The folder's `_index.md` / `index.md`, rendered; nil when the folder has none.
    public var index: RenderedPage?
    public var pages: [RenderedPage] = []
    public var sections: [SiteSection] = []
}
