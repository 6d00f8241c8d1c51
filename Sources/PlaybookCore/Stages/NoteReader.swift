import Foundation

/// Pages read from disk by content path for embeds (`![[Note]]`), each parsed once a build however
/// many pages show it. Used from every rendering thread.
final class NoteReader: @unchecked Sendable {
    private let root: URL
    private let lock = NSLock()
    private var pages: [String: PageSource?] = [:]

    init(root: URL) { self.root = root }

    /// The page at `path` (`content/Note.md`), nil when it cannot be read or parsed.
    func page(_ path: String) -> PageSource? {
        if let known = lock.withLock({ pages[path] }) { return known }
        let page = FileReading.contents(of: root.appendingPathComponent(path).path).flatMap { PageParser().parse(SourceFile(path: path, data: $0)).0 }
        lock.withLock { pages[path] = page }
        return page
    }
}
