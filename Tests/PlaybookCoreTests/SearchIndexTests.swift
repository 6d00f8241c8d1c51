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

    func testWordsAreLowercasedRunsOfLettersMarksAndDigits() {
        XCTAssertEqual(SearchIndexBuilder.words("P95 latency, CI/CD — naïve café's x2"), ["p95", "latency", "ci", "cd", "naïve", "café", "s", "x2"])
        XCTAssertEqual(SearchIndexBuilder.words("Straße 東京 e\u{301}t\u{e9}"), ["straße", "東京", "e\u{301}t\u{e9}"])
        XCTAssertEqual(SearchIndexBuilder.words("  "), [])
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
}
