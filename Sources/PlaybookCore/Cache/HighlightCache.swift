import Foundation

/// Highlighted code by (language, code), kept in the build cache (`.playbook-cache/highlight.bin`) so
/// an edit to a page with code starts no Pygments process for the blocks it already had. An empty
/// entry means "plain" (a language Pygments does not know). Entries made by another Pygments version
/// are dropped when the engine starts.
public struct HighlightCache: Sendable {
    static let formatVersion = "playbook-highlight-2"
    static let fileName = "highlight.bin"

    private(set) var engine = ""
    private var entries: [UInt64: String] = [:]
    private var used: Set<UInt64> = []
    private(set) var changed = false
    /// Set when every page of the build was rendered: then the entries it did not use are stale.
    var dropsUnused = false

    public init() {}

    static func key(language: String, code: String) -> UInt64 {
        var digest = Digest()
        digest.add(language)
        digest.add(0)
        digest.add(code)
        return digest.value
    }

    mutating func entry(language: String, code: String) -> String? {
        let key = Self.key(language: language, code: code)
        guard let html = entries[key] else { return nil }
        used.insert(key)
        return html
    }

    mutating func store(_ html: String, language: String, code: String) {
        let key = Self.key(language: language, code: code)
        entries[key] = html
        used.insert(key)
        changed = true
    }

    /// Records which engine made new entries; entries of another one are dropped.
    mutating func engine(version: String) {
        guard version != engine else { return }
        if !engine.isEmpty {
            entries = [:]
            used = []
        }
        engine = version
        changed = true
    }

    /// The cache file in `folder`, or an empty cache.
    public static func load(from folder: URL) -> HighlightCache {
        var cache = HighlightCache()
        guard let data = FileReading.contents(of: folder.appendingPathComponent(fileName).path) else { return cache }
        var reader = BinaryReader(data)
        do {
            guard try reader.string() == formatVersion else { return cache }
            cache.engine = try reader.string()
            for _ in 0..<(try reader.int()) { cache.entries[try reader.uint64()] = try reader.string() }
        } catch {
            return HighlightCache()
        }
        return cache
    }

    /// Writes the cache atomically when it changed. After a build that rendered every page it keeps
    /// only what that build used; otherwise everything (reused pages did not ask for their blocks).
    public func save(in folder: URL) {
        guard changed else { return }
        let kept = dropsUnused ? entries.filter { used.contains($0.key) } : entries
        var writer = BinaryWriter()
        writer.string(Self.formatVersion)
        writer.string(engine)
        writer.int(kept.count)
        for (key, html) in kept.sorted(by: { $0.key < $1.key }) {
            writer.uint64(key)
            writer.string(html)
        }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard let file = PendingFile(in: folder.path, name: Self.fileName),
            writer.bytes.withUnsafeBytes({ file.write($0) })
        else { return }
        _ = file.publish(as: folder.appendingPathComponent(Self.fileName).path)
    }
}
