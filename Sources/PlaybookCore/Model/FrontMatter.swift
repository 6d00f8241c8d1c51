import Foundation

/// The known front-matter keys of a page, plus every other key as `params`.
public struct FrontMatter: Hashable, Sendable {
    public var title: String?
    public var summary: String?
    public var weight: Int?
    public var date: Day?
    public var draft = false
    public var tags: [String] = []
    /// Other names wikilinks may use for the page (`aliases:`, Obsidian's key).
    public var aliases: [String] = []
    public var slug: String?
    public var layout: String?
    /// Line of the `slug` and `layout` keys in the file, for errors found later.
    public var slugLine: Int?
    public var layoutLine: Int?
    /// Keys Playbook does not know, in source order, for templates (`page.params.KEY`).
    public var params: [YAMLNode.Pair] {
        get { storedParams.value }
        set { storedParams = FrontMatterParams(newValue) }
    }
    /// `params`, or for a page from the build cache its encoded bytes, decoded when first asked for:
    /// only a page that is templated again needs them, and they are most of a page's record.
    var storedParams = FrontMatterParams([])

    /// The keys Playbook gives a meaning to.
    public static let knownKeys = ["title", "summary", "weight", "date", "draft", "tags", "aliases", "slug", "layout"]
}

/// A page's other front matter keys, in memory or kept elsewhere until asked for (see `FrontMatter.params`).
final class FrontMatterParams: Hashable, @unchecked Sendable {
    private let lock = NSLock()
    private var decoded: [YAMLNode.Pair]?
    private var stored: (any StoredParams)?

    init(_ pairs: [YAMLNode.Pair]) { decoded = pairs }

    init(stored: any StoredParams) { self.stored = stored }

    var value: [YAMLNode.Pair] {
        lock.withLock {
            if let decoded { return decoded }
            let pairs = stored?.decode() ?? []
            (decoded, stored) = (pairs, nil)
            return pairs
        }
    }

    /// Where the pairs are kept, while they were never decoded.
    var undecoded: (any StoredParams)? { lock.withLock { decoded == nil ? stored : nil } }

    static func == (left: FrontMatterParams, right: FrontMatterParams) -> Bool { left === right || left.value == right.value }

    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

/// Front matter pairs kept elsewhere until asked for (such as the build cache's encoded bytes).
protocol StoredParams: Sendable {
    func decode() -> [YAMLNode.Pair]
}
