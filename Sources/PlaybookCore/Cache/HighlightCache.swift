import Foundation

/// Highlighted code by (language, code), kept in the build cache (`.playbook-cache/highlight.bin`) so
/// an edit to a page with code starts no Pygments process for the blocks it already had. An empty
/// entry means "plain" (a language Pygments does not know). Entries made by another Pygments version
/// are dropped when the engine starts. The file is mapped (`KeyedBlobs`): a build reads the entries
/// its pages ask for, not the whole file.
public struct HighlightCache: Sendable {
    static let formatVersion = "playbook-highlight-3"
    static let fileName = "highlight.bin"

    private(set) var engine = ""
    /// The entries of the last build's file, and those this build added.
    private var stored: KeyedBlobs?
    private var added: [UInt64: String] = [:]
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
        guard let html = added[key] ?? stored?.string(key) else { return nil }
        used.insert(key)
        return html
    }

    mutating func store(_ html: String, language: String, code: String) {
        let key = Self.key(language: language, code: code)
        added[key] = html
        used.insert(key)
        changed = true
    }

    /// Records which engine made new entries; entries of another one are dropped.
    mutating func engine(version: String) {
        guard version != engine else { return }
        if !engine.isEmpty {
            stored = nil
            added = [:]
            used = []
        }
        engine = version
        changed = true
    }

    /// The cache file in `folder`, or an empty cache.
    public static func load(from folder: URL) -> HighlightCache {
        var cache = HighlightCache()
        guard let file = KeyedBlobs(path: folder.appendingPathComponent(fileName).path),
            file.header.hasPrefix(formatVersion + "\n")
        else { return cache }
        cache.engine = String(file.header.dropFirst(formatVersion.utf8.count + 1))
        cache.stored = file
        return cache
    }

    /// Writes the cache atomically when it changed. After a build that rendered every page it keeps
    /// only what that build used; otherwise everything (reused pages did not ask for their blocks).
    public func save(in folder: URL) {
        guard changed else { return }
        var entries = added.map { (key: $0.key, entry: KeyedBlobs.Entry.text($0.value)) }
        if let stored {
            for index in 0..<stored.count {
                let key = stored.key(at: index)
                if added[key] == nil && (!dropsUnused || used.contains(key)) { entries.append((key, .stored(stored, index))) }
            }
        }
        if dropsUnused { entries.removeAll { !used.contains($0.key) } }
        KeyedBlobs.write(header: Self.formatVersion + "\n" + engine, entries: entries, in: folder, name: Self.fileName)
    }
}
