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
    public static func words(_ text: String) -> [Substring] {
        var lowered = text.lowercased()
        if lowered.utf8.contains(where: { $0 >= 0x80 }) { lowered = lowered.precomposedStringWithCanonicalMapping }
        var words: [Substring] = []
        var start: String.Index?
        var index = lowered.startIndex
        for scalar in lowered.unicodeScalars {
            let next = lowered.unicodeScalars.index(after: index)
            if isWordScalar(scalar) {
                if start == nil { start = index }
            } else if let begin = start {
                words.append(lowered[begin..<index])
                start = nil
            }
            index = next
        }
        if let begin = start { words.append(lowered[begin...]) }
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

    /// One page's words: where each occurs (1 title, 2 text) and in which headings.
    struct PageWords {
        var flags: [Substring: Int] = [:]
        var headings: [Substring: [Int]] = [:]
    }

    static func pageWords(_ page: RenderedPage) -> PageWords {
        var found = PageWords()
        for word in words(page.title) { found.flags[word, default: 0] |= 1 }
        for word in words(page.plainText) { found.flags[word, default: 0] |= 2 }
        for (index, heading) in page.headings.enumerated() {
            for word in Set(words(heading.text)) {
                found.flags[word, default: 0] |= 0
                found.headings[word, default: []].append(index)
            }
        }
        return found
    }

    /// A word's postings: `[page, flags, page, flags, …]` and `[page, heading, page, heading, …]`.
    struct Postings {
        var pages: [Int] = []
        var headings: [Int] = []
    }

    /// The files to write, `search-index.js` first; `url` gives each page's link as stored.
    public func files(for pages: [RenderedPage], parallel: Parallel = Parallel(), url: (RenderedPage) -> String) -> [(path: String, parts: [String])]
    {
        let urls = pages.map(url)
        let perPage = parallel.map(Array(pages.indices)) { Self.pageWords(pages[$0]) }
        var postings: [Substring: Postings] = [:]
        for (page, found) in perPage.enumerated() {
            for (word, flags) in found.flags {
                postings[word, default: Postings()].pages += [page, flags]
            }
            for (word, headings) in found.headings {
                for heading in headings { postings[word, default: Postings()].headings += [page, heading] }
            }
        }
        let entries = parallel.map(Array(pages.indices)) { index -> String in
            let page = pages[index]
            return JSONText.encode([page.title, urls[index], page.headings.map { [$0.id, $0.text] }, page.plainText] as [Any])
        }
        let textBytes = pages.reduce(0) { $0 + $1.plainText.utf8.count }
        let splitting = split ?? (textBytes > Self.inlineLimit)
        let words = postings.keys.sorted()
        guard splitting else {
            let terms = Self.termsObject(words, postings)
            return [
                (
                    OutputNames.searchIndex,
                    ["window.PLAYBOOK_SEARCH={\"v\":2,\"chunk\":\(max(1, pages.count)),\"terms\":"] + [terms, ",\"pages\":["]
                        + entries.enumerated().map { ($0 == 0 ? "" : ",") + $1 } + ["]};\n"]
                )
            ]
        }
        var files: [(path: String, parts: [String])] = []
        // Word shards: by two letters, a large one by three.
        var byKey: [String: [Substring]] = [:]
        for word in words { byKey[String(word.unicodeScalars.prefix(2).map(Character.init)), default: []].append(word) }
        var keys: [String] = []
        for (key, members) in byKey.sorted(by: { $0.key < $1.key }) {
            let object = Self.termsObject(members, postings)
            if object.utf8.count <= Self.shardLimit || !members.contains(where: { $0.unicodeScalars.count > 2 }) {
                keys.append(key)
                files.append((Self.shardPath(key), ["PLAYBOOK_SEARCH_PART(\(JSONText.encode("t" + key)),", object, ");\n"]))
                continue
            }
            var longer: [String: [Substring]] = [:]
            for word in members { longer[String(word.unicodeScalars.prefix(3).map(Character.init)), default: []].append(word) }
            for (long, group) in longer.sorted(by: { $0.key < $1.key }) {
                keys.append(long)
                files.append(
                    (Self.shardPath(long), ["PLAYBOOK_SEARCH_PART(\(JSONText.encode("t" + long)),", Self.termsObject(group, postings), ");\n"]))
            }
        }
        // Page chunks.
        let chunk = max(1, min(pages.count, Self.chunkBytes / max(1, textBytes / max(1, pages.count))))
        for start in stride(from: 0, to: pages.count, by: chunk) {
            let number = start / chunk
            let slice = entries[start..<min(pages.count, start + chunk)]
            files.append(
                (
                    "\(Self.folder)/p\(number).js",
                    ["PLAYBOOK_SEARCH_PART(\"p\(number)\",["] + slice.enumerated().map { ($0 == 0 ? "" : ",") + $1 } + ["]);\n"]
                ))
        }
        let manifest =
            "window.PLAYBOOK_SEARCH={\"v\":2,\"chunk\":\(chunk),\"folder\":\(JSONText.encode(Self.folder)),\"shards\":"
            + JSONText.encode(keys.map { $0 as Any }) + "};\n"
        return [(OutputNames.searchIndex, [manifest])] + files
    }

    /// The script text of the whole index when it is not split (the one-file export inlines it).
    public func script(for pages: [RenderedPage], parallel: Parallel = Parallel(), url: (RenderedPage) -> String) -> String {
        var builder = self
        builder.split = false
        return builder.files(for: pages, parallel: parallel, url: url)[0].parts.joined()
    }

    /// A shard's file: its key in hex, so that any letter gives a portable file name.
    static func shardPath(_ key: String) -> String {
        "\(folder)/t" + key.utf8.map { String(format: "%02x", $0) }.joined() + ".js"
    }

    /// `{"w":{word:[page,flags,…]},"h":{word:[page,heading,…]}}` for `words` in order.
    static func termsObject(_ words: [Substring], _ postings: [Substring: Postings]) -> String {
        var pages: [String] = []
        var headings: [String] = []
        for word in words {
            guard let entry = postings[word] else { continue }
            let key = JSONText.encode(String(word))
            pages.append(key + ":[" + entry.pages.map(String.init).joined(separator: ",") + "]")
            if !entry.headings.isEmpty { headings.append(key + ":[" + entry.headings.map(String.init).joined(separator: ",") + "]") }
        }
        return "{\"w\":{" + pages.joined(separator: ",") + "},\"h\":{" + headings.joined(separator: ",") + "}}"
    }
}
