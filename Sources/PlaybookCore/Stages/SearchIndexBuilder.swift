import Foundation

/// Builds the search index as scripts (a fetched JSON file is blocked on file://, a `<script>` is not).
///
/// The index maps each word of the site to the pages that have it: in the title, in a heading, or in
/// the text. A query term matches the words that start with it (a one-letter term: that word only);
/// every term must match; a page scores 10 for a title match, 5 for each heading and 1 for the text.
/// The shown results need the pages' titles, headings and text (for the snippet).
///
/// A small site gets all of it in `search-index.js`. Above `inlineLimit` bytes of text the index is
/// split, so that a query loads about a megabyte at most, whatever the size of the site:
/// `search-index.js` lists the word shards (words by their first two letters, a large shard by its
/// first three) and `search-index/` holds one script per shard and one per chunk of pages. A query
/// loads the shards of its terms, then the chunks of its eight best pages. Both forms give the same
/// results (`theme/playbook.js` runs one search over either).
public struct SearchIndexBuilder: Sendable {
    /// Total page text above which the index is split.
    public static let inlineLimit = 512 * 1024
    /// A shard above this many bytes is split by three letters.
    static let shardLimit = 128 * 1024
    /// Page text per chunk of pages, roughly.
    static let chunkBytes = 48 * 1024
    public static let folder = "search-index"

    /// nil: split when the text is above `inlineLimit`.
    public var split: Bool?

    public init(split: Bool? = nil) { self.split = split }

    /// The words of `text` as the search sees them: lowercased runs of letters, marks and digits, in
    /// Unicode's composed form (NFC), as the page's script normalises a query.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        eachWord(in: text) { bytes, _ in words.append(String(decoding: bytes, as: UTF8.self)) }
        return words
    }

    /// Hands each word of `text` to `body` as lowercased UTF-8 bytes, with their FNV-1a hash, in order.
    /// ASCII text (nearly all of it) is cut up, lowered and hashed in one pass over its bytes, without a
    /// string or an array per word.
    static func eachWord(in text: String, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
        var text = text
        let done = text.withUTF8 { bytes -> Bool in
            guard let base = bytes.baseAddress else { return true }
            guard isASCII(bytes) else { return false }
            let count = bytes.count
            let word = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
            defer { word.deallocate() }
            Self.wordBytes.withUnsafeBufferPointer { table in
                var index = 0
                while index < count {
                    // The byte lowercased if it is a letter or digit, 0 if it is not: one lookup a byte.
                    // (`&+`: neither count can pass the text's length.)
                    var lower = table[Int(base[index])]
                    index &+= 1
                    guard lower != 0 else { continue }
                    var (length, hash) = (0, fnvOffset)
                    while true {
                        word[length] = lower
                        length &+= 1
                        hash = (hash ^ UInt64(lower)) &* fnvPrime
                        guard index < count else { break }
                        lower = table[Int(base[index])]
                        index &+= 1
                        guard lower != 0 else { break }
                    }
                    body(UnsafeBufferPointer(start: word, count: length), hash)
                }
            }
            return true
        }
        guard !done else { return }
        for var word in unicodeWords(text) { word.withUTF8 { body($0, fnv($0)) } }
    }

    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x100_0000_01b3

    /// FNV-1a of `bytes`, as `eachWord` hashes a word.
    static func fnv(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = fnvOffset
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* fnvPrime }
        return hash
    }

    /// Each byte as `eachWord` puts it in a word: ASCII letters lowercased, digits as they are, and 0
    /// for every other byte (a separator).
    private static let wordBytes: [UInt8] = (0...255).map { byte in
        let byte = UInt8(byte)
        return isWordByte(byte) ? (byte | 0x20) : 0
    }

    /// An ASCII letter or digit.
    @inline(__always) static func isWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 97 < 26 || byte &- 48 < 10
    }

    /// Whether every byte is ASCII, eight at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var (index, bits): (Int, UInt64) = (0, 0)
        while index + 8 <= bytes.count {
            bits |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            bits |= UInt64(base[index])
            index += 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    /// `words` for text with non-ASCII letters.
    static func unicodeWords(_ text: String) -> [String] {
        let lowered = text.lowercased().precomposedStringWithCanonicalMapping
        var words: [String] = []
        var start: String.Index?
        var index = lowered.startIndex
        for scalar in lowered.unicodeScalars {
            let next = lowered.unicodeScalars.index(after: index)
            if isWordScalar(scalar) {
                if start == nil { start = index }
            } else if let begin = start {
                words.append(String(lowered[begin..<index]))
                start = nil
            }
            index = next
        }
        if let begin = start { words.append(String(lowered[begin...])) }
        return words
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (48...57).contains(value) || (97...122).contains(value) || (65...90).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default: return false
        }
    }

    /// One page's distinct words: where each occurs (1 title, 2 text) and in which headings.
    struct PageWords {
        var words: [String] = []
        var flags: [Int] = []
        var headings: [[Int]] = []
    }

    /// A page's aliases (`aliases:`) count as its title: a page is found by any of its names.
    static func pageWords(_ page: RenderedPage) -> PageWords {
        let aliases = page.source.aliases
        let title = aliases.isEmpty ? page.title : ([page.title] + aliases).joined(separator: " ")
        return pageWords(title: title, text: page.plainText, headings: page.headings.map(\.text))
    }

    static func pageWords(title: String, text: String, headings: [String]) -> PageWords {
        var table = SearchWordTable()
        table.add(title, flag: 1)
        table.add(text, flag: 2)
        for (index, heading) in headings.enumerated() { table.add(heading, flag: 0, heading: index) }
        return PageWords(words: (0..<table.count).map(table.word), flags: table.flags, headings: table.headings)
    }

    /// A word's postings: `[page, flags, page, flags, …]` and `[page, heading, page, heading, …]`.
    struct Postings: Equatable {
        var pages: [Int] = []
        var headings: [Int] = []
    }

    /// The files to write, `search-index.js` first; `url` gives each page's link as stored.
    public func files(for pages: [RenderedPage], parallel: Parallel = Parallel(), url: (RenderedPage) -> String) -> [(path: String, parts: [String])]
    {
        var files: [(path: String, parts: [String])] = []
        write(for: pages, parallel: parallel, url: url) { files.append(($0, $1)) }
        return files.suffix(1) + files.dropLast()
    }

    /// Pages are read in batches of this many, so that only one batch's words and entries are held.
    static let batch = 512

    /// What a later build may take over: the last index's words (`last`, kept with the cache) and
    /// files. `fresh` lists the output paths of the pages this build rendered (nil: any page may have
    /// changed); the others are the last build's own pages. `reuse` tells whether the last build's copy
    /// of an output file may be linked into this one (checked only); `link` links it.
    struct Continuity {
        var last: SearchIndexState?
        var fresh: Set<String>?
        var reuse: ((String) -> Bool)?
        var link: ((String) -> Bool)?
        /// Only the last index's words are taken, for an index made another way (the export's, of
        /// the same pages in the same order, inline whether or not the site's is split).
        var wordsOnly = false

        var forWordsOnly: Continuity { Continuity(last: last, fresh: fresh, reuse: nil, link: nil, wordsOnly: true) }
    }

    /// Hands each file to `emit` as soon as it is made (`search-index.js` last), so that a large
    /// site's index is never held whole in memory, and returns the words for the next build. With
    /// `continuity`, the pages whose title, headings and text did not change since the last build keep
    /// their words, and unchanged shards and chunks are linked from the last build instead of written.
    @discardableResult
    func write(
        for pages: [RenderedPage], parallel: Parallel = Parallel(), url: (RenderedPage) -> String, continuity: Continuity? = nil,
        into emit: (String, [String]) throws -> Void
    ) rethrows -> SearchIndexState {
        let continued = continuity.flatMap { continuedState(from: $0, pages: pages) }
        var state: SearchIndexState
        if let continued {
            state = continued.state
            if continuity?.wordsOnly == true { state.split = split ?? state.split }
        } else {
            state = SearchIndexState(
                paths: pages.map { $0.outputPath }, fingerprints: [UInt64](repeating: 0, count: pages.count),
                lengths: pages.map { $0.plainText.utf8.count })
            state.split = split ?? (state.lengths.reduce(0, +) > Self.inlineLimit)
            state.collectWords(pages, parallel: parallel, fingerprinting: continuity != nil)
        }
        let postings = state.postings
        func entries(_ indices: [Int]) -> [String] { parallel.map(indices) { index in Self.entry(pages[index], url: url(pages[index])) } }
        let words = state.numbers.keys.sorted().compactMap { word in
            state.numbers[word].flatMap { postings[$0].pages.isEmpty ? nil : (word, $0) }
        }
        guard state.split else {
            let terms = Self.termsObject(words[...], postings)
            let all = entries(Array(pages.indices))
            try emit(
                OutputNames.searchIndex,
                ["window.PLAYBOOK_SEARCH={\"v\":2,\"chunk\":\(max(1, pages.count)),\"terms\":", terms, ",\"pages\":["] + Self.list(all[...])
                    + ["]};\n"])
            return state
        }
        let shards = ShardWriter(state: state, continuity: continuity, changedWords: continued?.words, parallel: parallel)
        let keys = try shards.writeWordShards(words, into: emit, groups: &state.groups)
        try shards.writePageChunks(pages: pages, changedPages: continued?.pages, state: &state, entries: entries, into: emit)
        try emit(
            OutputNames.searchIndex,
            [
                "window.PLAYBOOK_SEARCH={\"v\":2,\"chunk\":\(state.chunk),\"folder\":\(JSONText.encode(Self.folder)),\"shards\":"
                    + JSONText.encode(keys.map { $0 as Any }) + "};\n"
            ])
        return state
    }

    /// The last build's index with the words of the pages that changed replaced, when few did and the
    /// index is split as before (else nil: the index is made anew).
    private func continuedState(
        from continuity: Continuity, pages: [RenderedPage]
    ) -> (state: SearchIndexState, words: Set<Int>, pages: Set<Int>)? {
        let paths = pages.map { $0.outputPath }
        guard let last = continuity.last, last.paths == paths else { return nil }
        var (fingerprints, lengths, changed) = (last.fingerprints, last.lengths, [Int]())
        for index in pages.indices where continuity.fresh?.contains(paths[index]) ?? true {
            let fingerprint = SearchIndexState.fingerprint(pages[index])
            guard fingerprint != fingerprints[index] else { continue }
            (fingerprints[index], lengths[index]) = (fingerprint, pages[index].plainText.utf8.count)
            changed.append(index)
        }
        let splitting = split ?? (lengths.reduce(0, +) > Self.inlineLimit)
        // (Words only, the index may be split or not: its files are not taken over.)
        guard splitting == last.split || continuity.wordsOnly, changed.count * 20 <= pages.count else { return nil }
        var state = last
        (state.fingerprints, state.lengths) = (fingerprints, lengths)
        let words = state.replaceWords(of: changed, new: pages)
        return (state, words, Set(changed))
    }

    /// Entries joined with commas, as the parts of a file.
    static func list(_ entries: ArraySlice<String>) -> [String] { entries.enumerated().map { ($0 == 0 ? "" : ",") + $1 } }

    /// The script text of the whole index when it is not split (the one-file export inlines it).
    /// With `continuity`, the words of pages that did not change are taken from the last build's index.
    func script(for pages: [RenderedPage], parallel: Parallel = Parallel(), continuity: Continuity? = nil, url: (RenderedPage) -> String) -> String {
        var builder = self
        builder.split = false
        var parts: [String] = []
        builder.write(for: pages, parallel: parallel, url: url, continuity: continuity?.forWordsOnly) { _, written in parts = written }
        return parts.joined()
    }

    /// A shard's file: its key in hex, so that any letter gives a portable file name.
    static func shardPath(_ key: String) -> String {
        "\(folder)/t" + key.utf8.map { String(format: "%02x", $0) }.joined() + ".js"
    }

    /// The first `count` Unicode scalars of `word`.
    static func prefix(_ word: String, _ count: Int) -> String {
        // A slice of the scalars (not of the characters: a combining mark may be cut off its letter),
        // which for a short prefix makes a small, inline string.
        String(Substring(word.unicodeScalars.prefix(count)))
    }

    /// The length in bytes of `termsObject(words, postings)`, without making it.
    static func termsSize(_ words: ArraySlice<(String, Int)>, _ postings: [Postings]) -> Int {
        func numbers(_ list: [Int]) -> Int {
            var size = 2 + max(0, list.count - 1)
            for number in list {
                var rest = number
                repeat {
                    size += 1
                    rest /= 10
                } while rest > 0
            }
            return size
        }
        var size = #"{"w":{"#.utf8.count + #"},"h":{"#.utf8.count + 2
        var (words_, headings) = (0, 0)
        for (word, number) in words {
            let name = JSONText.encode(word).utf8.count + 1
            size += name + numbers(postings[number].pages)
            words_ += 1
            if !postings[number].headings.isEmpty && !postings[number].pages.isEmpty {
                size += name + numbers(postings[number].headings)
                headings += 1
            }
        }
        return size + max(0, words_ - 1) + max(0, headings - 1)
    }

    /// A page's entry, `[title, url, [[id, heading], …], text]`, as JSON.
    static func entry(_ page: RenderedPage, url: String) -> String {
        let text = page.plainText
        var json = JSONText.Writer(capacity: text.utf8.count + page.title.utf8.count + url.utf8.count + 64 * page.headings.count + 16)
        json.raw("[")
        json.string(page.title)
        json.raw(",")
        json.string(url)
        json.raw(",[")
        for (index, heading) in page.headings.enumerated() {
            json.raw(index == 0 ? "[" : ",[")
            json.string(heading.id)
            json.raw(",")
            json.string(heading.text)
            json.raw("]")
        }
        json.raw("],")
        json.string(text)
        json.raw("]")
        return json.text
    }

    /// `{"w":{word:[page,flags,…]},"h":{word:[page,heading,…]}}` for `words` (text, number) in order.
    static func termsObject(_ words: ArraySlice<(String, Int)>, _ postings: [Postings]) -> String {
        // Written straight into the string's storage, whose size `termsSize` knows to the byte.
        let size = termsSize(words, postings)
        let names = words.map { Array(JSONText.encode($0.0).utf8) }
        return String(unsafeUninitializedCapacity: size) { buffer in
            var at = 0
            func put(_ byte: UInt8) {
                precondition(at < buffer.count, "termsSize disagrees with termsObject")
                buffer[at] = byte
                at += 1
            }
            func put(_ bytes: [UInt8]) { for byte in bytes { put(byte) } }
            func numbers(_ list: [Int]) {
                put(UInt8(ascii: "["))
                for (index, number) in list.enumerated() {
                    if index > 0 { put(UInt8(ascii: ",")) }
                    if number < 10 {
                        put(UInt8(48 + number))
                        continue
                    }
                    var digits = 0
                    var rest = number
                    while rest > 0 {
                        digits += 1
                        rest /= 10
                    }
                    rest = number
                    precondition(at + digits <= buffer.count, "termsSize disagrees with termsObject")
                    for position in stride(from: at + digits - 1, through: at, by: -1) {
                        buffer[position] = UInt8(48 + rest % 10)
                        rest /= 10
                    }
                    at += digits
                }
                put(UInt8(ascii: "]"))
            }
            put(Array(#"{"w":{"#.utf8))
            for (index, (_, number)) in words.enumerated() {
                if index > 0 { put(UInt8(ascii: ",")) }
                put(names[index])
                put(UInt8(ascii: ":"))
                numbers(postings[number].pages)
            }
            put(Array(#"},"h":{"#.utf8))
            var first = true
            for (index, (_, number)) in words.enumerated() where !postings[number].headings.isEmpty && !postings[number].pages.isEmpty {
                if !first { put(UInt8(ascii: ",")) }
                first = false
                put(names[index])
                put(UInt8(ascii: ":"))
                numbers(postings[number].headings)
            }
            put(Array("}}".utf8))
            precondition(at == size, "termsSize disagrees with termsObject")
            return at
        }
    }
}
