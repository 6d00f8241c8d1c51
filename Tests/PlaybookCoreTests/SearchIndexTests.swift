import Foundation
import PlaybookMarkdown
import XCTest

@testable import PlaybookCore

/// The search index: words, postings, and the split into shards a query loads on demand.
final class SearchIndexTests: XCTestCase {
    func page(_ path: String, _ title: String, text: String, headings: [String] = []) -> RenderedPage {
        var rendered = RenderedPage(
            source: PageSource(
                path: "content/\(path).md", folders: [], baseName: path, kind: .page, frontMatter: FrontMatter(), body: "", bodyLineOffset: 0),
            outputPath: path + ".html", title: title, summary: "", html: "", headings: [], startsWithTitle: false, links: [])
        rendered.plainText = text
        rendered.headings = headings.enumerated().map { Heading(level: 2, text: $1, id: "h\($0)", line: 1) }
        return rendered
    }

    func testAPageEntryIsTheGenericJSONOfItsValues() {
        // Written piece by piece, an entry must be byte for byte what the generic encoder makes.
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "Ünï", "</script>", "\"q\"", "back\\slash", "a/b", "line\nbreak", "\u{2028}\u{2029}", "&lt;", "\u{1}", "東京", ""]
        func text() -> String { (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() }
        for _ in 0..<300 {
            let headings = (0..<Int.random(in: 0...3, using: &generator)).map { _ in text() }
            let rendered = page("p", text(), text: text(), headings: headings)
            let url = text()
            let generic = JSONText.encode([rendered.title, url, rendered.headings.map { [$0.id, $0.text] }, rendered.plainText] as [Any])
            XCTAssertEqual(SearchIndexBuilder.entry(rendered, url: url), generic)
        }
        XCTAssertEqual(JSONText.encode("a</b>\u{2028}"), JSONText.encode("a</b>\u{2028}" as Any))
    }

    func testWordsAreLowercasedRunsOfLettersMarksAndDigits() {
        XCTAssertEqual(SearchIndexBuilder.words("P95 latency, CI/CD — naïve café's x2"), ["p95", "latency", "ci", "cd", "naïve", "café", "s", "x2"])
        XCTAssertEqual(SearchIndexBuilder.words("Straße 東京 e\u{301}t\u{e9}"), ["straße", "東京", "e\u{301}t\u{e9}"])
        XCTAssertEqual(SearchIndexBuilder.words("  "), [])
    }

    func testASCIIWordsAreTheUnicodeRulesWords() {
        // ASCII text is cut up, lowered and hashed on bytes; the Unicode path is the reference. The
        // alphabet holds the bytes next to each range the byte test cuts ('@' '[' '`' '{' '/' ':' DEL).
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZz09AmM -_.,'/\t\n@[`{:\u{7F}")
        for _ in 0..<3000 {
            let text = String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            XCTAssertEqual(SearchIndexBuilder.words(text), SearchIndexBuilder.unicodeWords(text), text.debugDescription)
            SearchIndexBuilder.eachWord(in: text) { bytes, hash in XCTAssertEqual(hash, SearchIndexBuilder.fnv(bytes)) }
        }
    }

    func testAPagesWordTableIsADictionaryOfItsWords() {
        // Hundreds of distinct words (the table grows several times) in titles, text and headings.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let vocabulary = (0..<Int.random(in: 1...600, using: &generator)).map { "w\($0)" }
            func text() -> String {
                (0..<Int.random(in: 0...400, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }.joined(separator: " ")
            }
            let (title, body, headings) = (text(), text(), (0..<Int.random(in: 0...6, using: &generator)).map { _ in text() })
            var order: [String] = []
            var flags: [String: Int] = [:]
            var inHeadings: [String: [Int]] = [:]
            func add(_ text: String, _ flag: Int, _ heading: Int?) {
                for word in SearchIndexBuilder.words(text) {
                    if flags[word] == nil { order.append(word) }
                    flags[word, default: 0] |= flag
                    if let heading, inHeadings[word, default: []].last != heading { inHeadings[word, default: []].append(heading) }
                }
            }
            add(title, 1, nil)
            add(body, 2, nil)
            for (index, heading) in headings.enumerated() { add(heading, 0, index) }
            let words = SearchIndexBuilder.pageWords(title: title, text: body, headings: headings)
            XCTAssertEqual(words.words, order)
            XCTAssertEqual(words.flags, order.map { flags[$0]! })
            XCTAssertEqual(words.headings, order.map { inHeadings[$0] ?? [] })
        }
    }

    /// A page is found by its `aliases:` as by its title, and a new alias changes its fingerprint.
    func testAliasesAreTitleWords() {
        var named = page("weekly", "Weekly review", text: "Open questions")
        let before = SearchIndexState.fingerprint(named)
        named.source.frontMatter.aliases = ["Retro notes"]
        let words = SearchIndexBuilder.pageWords(named)
        XCTAssertEqual(words.words, ["weekly", "review", "retro", "notes", "open", "questions"])
        XCTAssertEqual(words.flags, [1, 1, 1, 1, 2, 2])
        XCTAssertNotEqual(SearchIndexState.fingerprint(named), before)
    }

    func testSmallSitesGetOneFileAndLargeOnesShards() {
        let pages = [page("a", "Alpha page", text: "latency budget", headings: ["Latency"]), page("b", "Beta", text: "budget review")]
        let one = SearchIndexBuilder().files(for: pages, url: \.outputPath)
        XCTAssertEqual(one.map(\.path), ["search-index.js"])
        let text = one[0].parts.joined()
        XCTAssertTrue(text.contains(#""budget":[0,2,1,2]"#), text)
        XCTAssertTrue(text.contains(#""latency":[0,2]"#), text)
        XCTAssertTrue(text.contains(#""h":{"latency":[0,0]}"#), text)
        XCTAssertTrue(text.contains(#""alpha":[0,1]"#), text)

        let split = SearchIndexBuilder(split: true).files(for: pages, url: \.outputPath)
        let paths = split.map(\.path)
        XCTAssertEqual(paths.first, "search-index.js")
        XCTAssertTrue(paths.contains("search-index/t6275.js"), "\(paths)")  // "bu"
        XCTAssertTrue(paths.contains("search-index/p0.js"))
        XCTAssertTrue(split[0].parts.joined().contains(#""shards":["al","be","bu","la","pa","re"]"#), split[0].parts.joined())
        let shard = split.first { $0.path == "search-index/t6275.js" }!.parts.joined()
        XCTAssertEqual(shard, #"PLAYBOOK_SEARCH_PART("tbu",{"w":{"budget":[0,2,1,2]},"h":{}});"# + "\n")
    }

    func testTheSizeOfAShardIsTheLengthOfItsText() {
        let postings = [
            SearchIndexBuilder.Postings(pages: [0, 1, 12, 2, 345, 3], headings: [12, 0, 12, 1]),
            SearchIndexBuilder.Postings(pages: [9, 2], headings: []),
            SearchIndexBuilder.Postings(pages: [], headings: [3, 1]),
            SearchIndexBuilder.Postings(pages: [1_000_000, 1], headings: [1_000_000, 10]),
        ]
        let words = [("alpha", 0), ("be\"ta", 1), ("gone", 2), ("ünï", 3)]
        for end in 0...words.count {
            let slice = words[0..<end]
            XCTAssertEqual(SearchIndexBuilder.termsSize(slice, postings), SearchIndexBuilder.termsObject(slice, postings).utf8.count, "\(end) words")
        }
    }

    func testALargeShardIsSplitByThreeLetters() {
        // Many long words starting with "co": over the shard limit, so "co" becomes "com", "con"…
        let words = (0..<6000).map { number in
            "co" + (number % 2 == 0 ? "m" : "n")
                + String(number, radix: 26).map { String(UnicodeScalar(UInt8(97 + Int(String($0), radix: 26)!))) }.joined()
        }
        let pages = (0..<40).map { page("p\($0)", "Page", text: words.joined(separator: " ")) }
        let files = SearchIndexBuilder(split: true).files(for: pages, url: \.outputPath)
        let manifest = files[0].parts.joined()
        XCTAssertFalse(manifest.contains(#""co""#), manifest)
        XCTAssertTrue(manifest.contains(#""com""#) && manifest.contains(#""con""#), manifest)
        XCTAssertTrue(files.allSatisfy { $0.parts.joined().utf8.count < 1_000_000 })
    }

    func testAShardKeyIsTheFirstScalarsOfAWord() {
        XCTAssertEqual(SearchIndexBuilder.prefix("kappa", 2), "ka")
        XCTAssertEqual(SearchIndexBuilder.prefix("a", 3), "a")
        XCTAssertEqual(SearchIndexBuilder.prefix("日本語です", 3), "日本語")
        // Scalars, not characters: "e" and its combining accent are two.
        XCTAssertEqual(Array(SearchIndexBuilder.prefix("e\u{301}cole", 1).unicodeScalars), ["e"])
        XCTAssertEqual(Array(SearchIndexBuilder.prefix("e\u{301}cole", 2).unicodeScalars), ["e", "\u{301}"])
    }

    /// Split indexes made the way builds with the cache make them: each continued from the last one's
    /// words, linking the previous build's copy of every file it does not write.
    final class ContinuedIndex {
        var last: SearchIndexState?
        var previous: [String: String] = [:]
        /// How many files the last `build` wrote (the others it linked).
        var written = 0

        func build(_ pages: [RenderedPage]) -> [String: String] {
            var files: [String: String] = [:]
            let previous = self.previous
            let continuity = SearchIndexBuilder.Continuity(
                last: last, fresh: nil, reuse: { previous[$0] != nil },
                link: { path in
                    files[path] = previous[path]
                    return true
                })
            written = 0
            last = SearchIndexBuilder(split: true).write(for: pages, url: \.outputPath, continuity: continuity) { path, parts in
                XCTAssertNil(files[path], "\(path) written twice (or over a linked file)")
                files[path] = parts.joined()
                self.written += 1
            }
            return files
        }

        /// The same pages' index made anew.
        static func fresh(_ pages: [RenderedPage]) -> [String: String] {
            Dictionary(
                uniqueKeysWithValues: SearchIndexBuilder(split: true).files(for: pages, url: \.outputPath).map { ($0.path, $0.parts.joined()) })
        }
    }

    func testAnIndexContinuedOverManyChangedPagesIsTheSameAsANewOne() {
        // More than 16 changed pages (the postings are then scanned, not searched), fewer than a
        // twentieth of the site (else the index is made anew).
        var pages = (0..<400).map { page("p\($0)", "Page \($0)", text: "alpha beta\($0 % 11) delta\($0) common", headings: ["Head \($0 % 5)"]) }
        let runs = ContinuedIndex()
        runs.previous = runs.build(pages)
        let changed = Array(stride(from: 3, to: 400, by: 21))  // 19 pages
        XCTAssertGreaterThan(changed.count, 16)
        for (round, index) in changed.enumerated() {
            pages[index].plainText = round % 2 == 0 ? "alpha omega\(round) common" : pages[index].plainText + " zeta"
            if round % 3 == 0 { pages[index].headings = [] }
        }
        let continued = runs.build(pages)
        XCTAssertTrue(continued == ContinuedIndex.fresh(pages), "the continued index differs from a new one")
        XCTAssertLessThan(runs.written, continued.count, "continued from the last build: unchanged files are linked")
    }

    func testAnIndexContinuedFromTheLastBuildIsTheSameAsANewOne() throws {
        var pages = (0..<60).map { page("p\($0)", "Page \($0)", text: "alpha beta gamma\($0 % 7) delta\($0) common", headings: ["Head \($0 % 3)"]) }
        let runs = ContinuedIndex()
        func build() -> [String: String] { runs.build(pages) }
        func fresh() -> [String: String] { ContinuedIndex.fresh(pages) }
        runs.previous = build()
        XCTAssertTrue(runs.previous == fresh())
        let edits: [(inout [RenderedPage]) -> Void] = [
            { $0[5].plainText = "alpha omega common" },  // a unique word goes, a new one comes
            { $0[7].headings = [Heading(level: 2, text: "Other heading", id: "h0", line: 1)] },
            { $0[9].title = "Renamed page" },
            { pages in for index in [1, 30, 59] { pages[index].plainText += " zeta" } },
            { _ in },
        ]
        for (number, edit) in edits.enumerated() {
            edit(&pages)
            let continued = build()
            let expected = fresh()
            XCTAssertEqual(continued.keys.sorted(), expected.keys.sorted(), "edit \(number)")
            for (path, text) in expected where continued[path] != text {
                XCTFail("edit \(number): \(path) is \(continued[path] ?? "missing"), not \(text)")
            }
            XCTAssertLessThan(runs.written, continued.count, "edit \(number): unchanged shards and chunks are linked")
            runs.previous = continued
        }
        // A word added to one page: its shard, the page's chunk and the manifest are written, nothing
        // else (the page's other words keep their postings, so their shards are linked).
        pages[2].plainText += " kappa"
        runs.previous = build()
        XCTAssertTrue(runs.previous == fresh())
        XCTAssertEqual(runs.written, 3, "only the new word's shard, the chunk and search-index.js")
        // The words survive being written to the cache and read back.
        let decoded = try XCTUnwrap(runs.last.flatMap { SearchIndexState(decoding: Data($0.encoded())) })
        XCTAssertEqual(decoded.paths, runs.last?.paths)
        XCTAssertEqual(decoded.fingerprints, runs.last?.fingerprints)
        XCTAssertEqual(Set(decoded.numbers.keys), Set(runs.last!.numbers.filter { !runs.last!.postings[$0.value].pages.isEmpty }.keys))
        for (word, number) in decoded.numbers {
            XCTAssertEqual(decoded.postings[number].pages, runs.last?.postings[runs.last!.numbers[word]!].pages, word)
            XCTAssertEqual(decoded.postings[number].headings, runs.last?.postings[runs.last!.numbers[word]!].headings, word)
        }
        XCTAssertNil(SearchIndexState(decoding: Data(runs.last!.encoded().dropLast())), "a cut file is refused")
        runs.last = decoded
        pages[11].plainText = "after decoding"
        XCTAssertTrue(build() == fresh())
        // Without the last build's words, everything is written.
        runs.last = nil
        let again = build()
        XCTAssertTrue(again == fresh())
        XCTAssertEqual(runs.written, again.count)
    }
}
