/// A tag and the pages that carry it, in reading order.
public struct SiteTag: Hashable, Sendable {
    public var name: String
    public var outputPath: String
    public var pages: [RenderedPage]
}
