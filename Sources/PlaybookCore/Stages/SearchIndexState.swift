import Foundation

/// The words of one build's search index: what the next build starts from, changing only the pages
/// that changed. Kept with the build cache (in memory by `playbook serve`, in `search.bin` on disk).
///
/// It holds no page text: a page's words are taken out of the postings by its number, and whether a
/// page changed is told by its `fingerprint` (pages the build took from the cache unchanged are not
/// even hashed).
struct SearchIndexState {
    /// The output path of each page, in index order.
    var paths: [String]
    /// A digest of each page's title, headings and text.
    var fingerprints: [UInt64]
    /// The UTF-8 length of each page's text (the split and the chunk size depend on the total).
    var lengths: [Int]
    var split = false
    /// Word → its number in `postings`.
    var numbers: [String: Int] = [:]
    var postings: [SearchIndexBuilder.Postings] = []
    /// Two-letter prefix → the shard keys written for it.
    var groups: [String: [String]] = [:]
    var chunk = 0
    /// Names the cache this state belongs to (the build cache's token): a state is used only with it.
    var token: UInt64 = 0

    init(paths: [String], fingerprints: [UInt64], lengths: [Int]) {
        self.paths = paths
        self.fingerprints = fingerprints
        self.lengths = lengths
    }

    /// A page's search-relevant content as one number: title, headings and text.
    static func fingerprint(_ page: RenderedPage) -> UInt64 {
        var digest = Digest()
        digest.add(page.title)
        for alias in page.source.aliases { digest.add(alias) }
        for heading in page.headings { digest.add(heading.text) }
        digest.add(page.plainText)
        return digest.value
    }

    /// Every page's words, in page order (a full build); with `fingerprinting`, also the fingerprints.
    mutating func collectWords(_ pages: [RenderedPage], parallel: Parallel, fingerprinting: Bool) {
        numbers = [:]
        postings = []
        for start in stride(from: 0, to: pages.count, by: SearchIndexBuilder.batch) {
            let range = Array(start..<min(pages.count, start + SearchIndexBuilder.batch))
            let found = parallel.map(range) { (SearchIndexBuilder.pageWords(pages[$0]), fingerprinting ? Self.fingerprint(pages[$0]) : 0) }
            for (page, (words, fingerprint)) in zip(range, found) {
                fingerprints[page] = fingerprint
                add(words, of: page)
            }
        }
    }

    private mutating func add(_ found: SearchIndexBuilder.PageWords, of page: Int) {
        for (index, word) in found.words.enumerated() {
            let number = self.number(word)
            // Two appends, not `+= [a, b]`: that makes an array per posting.
            postings[number].pages.append(page)
            postings[number].pages.append(found.flags[index])
            for heading in found.headings[index] {
                postings[number].headings.append(page)
                postings[number].headings.append(heading)
            }
        }
    }

    private mutating func number(_ word: String) -> Int {
        if let number = numbers[word] { return number }
        numbers[word] = postings.count
        postings.append(SearchIndexBuilder.Postings())
        return postings.count - 1
    }

    /// Replaces the words of the pages at `changed` with their words in `pages`; returns the numbers
    /// of the words whose postings changed. A word a page still has, with the same flags and
    /// headings, is not one, and its postings are not touched: an edit that adds a word to a page
    /// rewrites that word's shard, not the shards of every word on the page. Postings stay in page order.
    mutating func replaceWords(of changed: [Int], new pages: [RenderedPage]) -> Set<Int> {
        let sorted = changed.sorted()
        // What each word has of the changed pages now, pairs in page order.
        var added: [Int: SearchIndexBuilder.Postings] = [:]
        for page in sorted {
            let found = SearchIndexBuilder.pageWords(pages[page])
            for (index, word) in found.words.enumerated() {
                let number = self.number(word)
                added[number, default: SearchIndexBuilder.Postings()].pages += [page, found.flags[index]]
                added[number, default: SearchIndexBuilder.Postings()].headings += found.headings[index].flatMap { [page, $0] }
            }
        }
        // One pass over the postings compares what they hold of the changed pages (a few pages: by
        // binary search) and replaces it where it differs.
        var isChanged = [Bool](repeating: false, count: max(paths.count, (sorted.last ?? 0) + 1))
        for page in sorted { isChanged[page] = true }
        func taken(from pairs: [Int]) -> [Int] {
            var taken: [Int] = []
            if sorted.count <= 16 {
                for page in sorted {
                    let range = Self.range(of: page, in: pairs)
                    if !range.isEmpty { taken += pairs[range] }
                }
            } else {
                for index in stride(from: 0, to: pairs.count, by: 2) where isChanged[pairs[index]] {
                    taken.append(pairs[index])
                    taken.append(pairs[index + 1])
                }
            }
            return taken
        }
        var touched: Set<Int> = []
        for number in postings.indices {
            let new = added[number]
            let old = taken(from: postings[number].pages)
            guard !old.isEmpty || new != nil else { continue }
            let now = new ?? SearchIndexBuilder.Postings()
            if old == now.pages, taken(from: postings[number].headings) == now.headings { continue }
            touched.insert(number)
            Self.replace(now.pages, in: &postings[number].pages, isChanged: isChanged)
            Self.replace(now.headings, in: &postings[number].headings, isChanged: isChanged)
        }
        return touched
    }

    /// Replaces the pairs of the changed pages in `pairs` with `new` (pairs in page order).
    private static func replace(_ new: [Int], in pairs: inout [Int], isChanged: [Bool]) {
        var merged: [Int] = []
        merged.reserveCapacity(pairs.count + new.count)
        var next = 0
        for index in stride(from: 0, to: pairs.count, by: 2) {
            let page = pairs[index]
            while next < new.count, new[next] < page {
                merged.append(new[next])
                merged.append(new[next + 1])
                next += 2
            }
            if !isChanged[page] {
                merged.append(page)
                merged.append(pairs[index + 1])
            }
        }
        merged += new[next...]
        pairs = merged
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

    /// Where `page`'s pairs are in `pairs`.
    private static func range(of page: Int, in pairs: [Int]) -> Range<Int> {
        let start = position(of: page, in: pairs)
        var end = start
        while end < pairs.count, pairs[end] == page { end += 2 }
        return start..<end
    }
}
