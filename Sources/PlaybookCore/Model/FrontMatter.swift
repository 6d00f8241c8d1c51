import Foundation

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
    public var params: [YAMLNode.Pair] {
        get { storedParams.value }
        set { storedParams = FrontMatterParams(newValue) }
    }
    /// `params`, or for a page from the build cache its encoded bytes, decoded when first asked for:
    /// only a page that is templated again needs them, and they are most of a page's record.
    var storedParams = FrontMatterParams([])

    /// The keys Playbook gives a meaning to.
    public static let knownKeys = ["title", "summary", "weight", "date", "draft", "tags", "slug", "layout"]
}

/// A page's other front matter keys, in memory or as the cache encoded them (see `FrontMatter.params`).
final class FrontMatterParams: Hashable, @unchecked Sendable {
    private let lock = NSLock()
    private var decoded: [YAMLNode.Pair]?
    /// The bytes `BinaryWriter.params` wrote, while not decoded.
    private(set) var encoded: ArraySlice<UInt8>?

    init(_ pairs: [YAMLNode.Pair]) { decoded = pairs }

    init(encoded: ArraySlice<UInt8>) { self.encoded = encoded }

    var value: [YAMLNode.Pair] {
        lock.withLock {
            if let decoded { return decoded }
            // The bytes were checked when the page was read (`BinaryReader.skipParams`).
            var reader = BinaryReader(bytes: Array(encoded ?? []))
            let pairs = (try? reader.params()) ?? []
            (decoded, encoded) = (pairs, nil)
            return pairs
        }
    }

    /// The encoded bytes if the pairs were never decoded.
    var undecoded: ArraySlice<UInt8>? { lock.withLock { decoded == nil ? encoded : nil } }

    static func == (left: FrontMatterParams, right: FrontMatterParams) -> Bool { left === right || left.value == right.value }

    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
