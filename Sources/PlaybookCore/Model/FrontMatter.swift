/// The known front-matter keys of a page, plus every other key as `params`.
public struct FrontMatter: Hashable, Sendable {
    public var title: String?
    public var summary: String?
    public var weight: Int?
    public var date: Day?
    public var draft = false
    public var tags: [String] = []
    public var slug: String?
    public var layout: String?
    /// Line of the `slug` and `layout` keys in the file, for errors found later.
    public var slugLine: Int?
    public var layoutLine: Int?
    /// Keys Playbook does not know, in source order, for templates (`page.params.KEY`).
    public var params: [YAMLNode.Pair] = []

    public init() {}

    /// The keys Playbook gives a meaning to.
    public static let knownKeys = ["title", "summary", "weight", "date", "draft", "tags", "slug", "layout"]
}
