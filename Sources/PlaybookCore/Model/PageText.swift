import Foundation

/// A page's HTML and plain text: in memory, or where the build cache stored them (read on first use).
///
/// Immutable once read, shared by every copy of the page (`RenderedPage` replaces it on a change).
/// Two compare equal when their texts are; a stored one is read to compare.
final class PageText: Hashable, @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: (html: String, plainText: String)?
    /// Where the texts are (or were written to) in the cache's text files.
    private var stored: TextLocation?

    init(html: String, plainText: String) { loaded = (html, plainText) }

    init(stored location: TextLocation) { stored = location }

    var contents: (html: String, plainText: String) {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        // A file that cannot be read gives empty texts; `TextSegments.open` checked the files' sizes.
        let read = stored.flatMap { $0.segment.read($0) } ?? ("", "")
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
    var location: TextLocation? { lock.withLock { stored } }

    /// Records that the texts were written at `location` (their cache file is in place).
    func didStore(at location: TextLocation) { lock.withLock { stored = location } }

    static func == (left: PageText, right: PageText) -> Bool {
        if left === right { return true }
        if let a = left.location, let b = right.location, a.segment === b.segment, a.offset == b.offset { return true }
        return left.contents == right.contents
    }

    func hash(into hasher: inout Hasher) {
        let contents = self.contents
        hasher.combine(contents.html)
        hasher.combine(contents.plainText)
    }
}

/// Where one page's texts are: a text file of the cache, an offset and a length.
struct TextLocation {
    var segment: TextSegment
    var offset: Int
    var length: Int
}
