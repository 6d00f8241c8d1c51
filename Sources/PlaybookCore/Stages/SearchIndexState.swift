import Foundation

/// The words of one build's search index, with the page texts they came from: what the next build
/// of the same process (`playbook serve`) starts from, changing only the pages that changed.
struct SearchIndexState {
    var paths: [String]
    var titles: [String]
    var texts: [String]
    var headings: [[String]]
    var split = false
    /// Word → its number in `postings`.
    var numbers: [String: Int] = [:]
    var postings: [SearchIndexBuilder.Postings] = []
    /// Two-letter prefix → the shard keys written for it.
    var groups: [String: [String]] = [:]
    var chunk = 0

    init(pages: [RenderedPage]) {
        paths = pages.map(\.outputPath)
        titles = pages.map(\.title)
        texts = pages.map(\.plainText)
        headings = pages.map { $0.headings.map(\.text) }
    }

    /// True when page `index` had the same title, headings and text (strings that share storage
    /// compare at once, so unchanged pages from the cache cost nothing).
    func sameText(at index: Int, as page: RenderedPage) -> Bool {
        titles[index] == page.title && texts[index] == page.plainText && headings[index].elementsEqual(page.headings.lazy.map(\.text))
    }

    /// Every page's words, in page order (a full build).
    mutating func collectWords(_ pages: [RenderedPage], parallel: Parallel) {
        numbers = [:]
        postings = []
        for start in stride(from: 0, to: pages.count, by: SearchIndexBuilder.batch) {
            let range = Array(start..<min(pages.count, start + SearchIndexBuilder.batch))
            for (page, found) in zip(range, parallel.map(range) { SearchIndexBuilder.pageWords(pages[$0]) }) {
                for (index, word) in found.words.enumerated() {
                    let number = self.number(word)
                    postings[number].pages += [page, found.flags[index]]
                    for heading in found.headings[index] { postings[number].headings += [page, heading] }
                }
            }
        }
    }

    private mutating func number(_ word: String) -> Int {
        if let number = numbers[word] { return number }
        numbers[word] = postings.count
        postings.append(SearchIndexBuilder.Postings())
        return postings.count - 1
    }

    /// Replaces the words of the pages at `changed` (as `old` had them) with their words in `new`;
    /// returns the numbers of the words whose postings changed. Postings stay in page order.
    mutating func replaceWords(of changed: [Int], old: SearchIndexState, new pages: [RenderedPage]) -> Set<Int> {
        var touched: Set<Int> = []
        for page in changed {
            let before = SearchIndexBuilder.pageWords(title: old.titles[page], text: old.texts[page], headings: old.headings[page])
            for word in before.words {
                guard let number = numbers[word] else { continue }
                Self.remove(page, from: &postings[number].pages)
                Self.remove(page, from: &postings[number].headings)
                touched.insert(number)
            }
            let found = SearchIndexBuilder.pageWords(pages[page])
            for (index, word) in found.words.enumerated() {
                let number = self.number(word)
                Self.insert([page, found.flags[index]], in: &postings[number].pages)
                Self.insert(found.headings[index].flatMap { [page, $0] }, in: &postings[number].headings)
                touched.insert(number)
            }
        }
        return touched
    }

    /// The position of the first pair whose page is `page` or later, in `[page, value, page, value, …]`.
    private static func position(of page: Int, in pairs: [Int]) -> Int {
        var (low, high) = (0, pairs.count / 2)
        while low < high {
            let middle = (low + high) / 2
            if pairs[middle * 2] < page { low = middle + 1 } else { high = middle }
        }
        return low * 2
    }

    private static func remove(_ page: Int, from pairs: inout [Int]) {
        let start = position(of: page, in: pairs)
        var end = start
        while end < pairs.count, pairs[end] == page { end += 2 }
        pairs.removeSubrange(start..<end)
    }

    private static func insert(_ new: [Int], in pairs: inout [Int]) {
        guard let page = new.first else { return }
        pairs.insert(contentsOf: new, at: position(of: page, in: pairs))
    }
}

/// Where a long-running process keeps the last search index between builds (see `BuildMemory`).
/// A build's state counts only once its output is in place (`commit`); a failed build leaves none,
/// so the next one starts from scratch rather than from words that never reached the output.
public final class SearchIndexMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var state: SearchIndexState?
    private var pending: SearchIndexState?

    public init() {}

    /// The last committed state, handed over once.
    func take() -> SearchIndexState? {
        lock.withLock {
            defer { state = nil }
            return state
        }
    }

    func keep(_ state: SearchIndexState) { lock.withLock { pending = state } }

    /// The build's output is in place: its state is what the next build starts from.
    func commit() {
        lock.withLock {
            state = pending
            pending = nil
        }
    }

    /// The build failed: nothing of it is kept.
    func discard() {
        lock.withLock {
            state = nil
            pending = nil
        }
    }
}
