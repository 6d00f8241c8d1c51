import Foundation

/// A page's HTML and plain text: in memory, or kept elsewhere (`TextStore`) and read on first use.
///
/// Immutable once read, shared by every copy of the page (`RenderedPage` replaces it on a change).
/// Two compare equal when their texts are; a stored one is read to compare.
final class PageText: Hashable, @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: (html: String, plainText: String)?
    /// Where the texts are (or were written to).
    private var stored: (any TextStore)?

    init(html: String, plainText: String) { loaded = (html, plainText) }

    init(stored store: any TextStore) { stored = store }

    var contents: (html: String, plainText: String) {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        // A store that cannot be read gives empty texts (the build cache checked its files' sizes).
        let read = stored?.read() ?? ("", "")
        loaded = read
        return read
    }

    /// Lets go of the HTML (every copy of the page shares this object): for a build that has written
    /// its pages and needs only their plain text from then on.
    func forgetHTML() {
        lock.withLock {
            if let plainText = loaded?.plainText { loaded = ("", plainText) }
        }
    }

    /// Where the texts are stored, if they are.
    var store: (any TextStore)? { lock.withLock { stored } }

    /// Records that the texts are (also) kept in `store`.
    func didStore(in store: any TextStore) { lock.withLock { stored = store } }

    static func == (left: PageText, right: PageText) -> Bool {
        if left === right { return true }
        if let a = left.store, let b = right.store, a.holdsSameTexts(as: b) { return true }
        return left.contents == right.contents
    }

    func hash(into hasher: inout Hasher) {
        let contents = self.contents
        hasher.combine(contents.html)
        hasher.combine(contents.plainText)
    }
}

/// Somewhere a page's texts are kept outside memory.
protocol TextStore: Sendable {
    func read() -> (html: String, plainText: String)?
    /// True when both name the same stored texts.
    func holdsSameTexts(as other: any TextStore) -> Bool
}
