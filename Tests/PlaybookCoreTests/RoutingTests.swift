import Foundation
import XCTest

@testable import PlaybookCore

final class RoutingTests: XCTestCase {
    func page(_ path: String, slug: String? = nil) -> PageSource {
        var text = "Body"
        if let slug { text = "---\nslug: '\(slug)'\n---\nBody" }
        return PageParser().parse(SourceFile(path: path, data: Data(text.utf8))).0!
    }

    func testOutputPathsFollowFoldersAndSlugs() {
        let (table, problems) = RoutePlanner().plan([
            page("content/_index.md"), page("content/Plan Ahead/_index.md"), page("content/Plan Ahead/Day One.md"),
            page("content/x.md", slug: "renamed"),
        ])
        XCTAssertEqual(problems, [])
        XCTAssertEqual(table.outputPath["content/_index.md"], "index.html")
        XCTAssertEqual(table.outputPath["content/Plan Ahead/_index.md"], "plan-ahead/index.html")
        XCTAssertEqual(table.outputPath["content/Plan Ahead/Day One.md"], "plan-ahead/day-one.html")
        XCTAssertEqual(table.outputPath["content/x.md"], "renamed.html")
    }

    func testEscapingSlugIsRefused() {
        for slug in ["../evil", "/etc/passwd", "a/b", "..", "..\\x"] {
            let (table, problems) = RoutePlanner().plan([page("content/a.md", slug: slug)])
            XCTAssertNil(table.outputPath["content/a.md"], slug)
            XCTAssertEqual(problems.count, 1, slug)
            XCTAssertTrue(problems[0].description.hasPrefix("content/a.md:2: error: slug"), problems[0].description)
        }
    }

    func testTwoPagesOnOnePathIsAnErrorNamingBoth() {
        let (_, problems) = RoutePlanner().plan([page("content/A.md"), page("content/a.md")])
        XCTAssertEqual(
            problems.map(\.description), ["content/a.md: error: content/a.md and content/A.md both map to 'a.html'; rename one or give it a slug"])
    }

    func testFolderWithoutIndexStillGetsASection() {
        let (table, _) = RoutePlanner().plan([page("content/a/b/c.md")])
        XCTAssertEqual(table.sectionPath["content/a"], "a/index.html")
        XCTAssertEqual(table.sectionPath["content/a/b"], "a/b/index.html")
    }

    func testRelativeURLs() {
        XCTAssertEqual(URLPaths.relative(from: "a/b.html", to: "c/d.html"), "../c/d.html")
        XCTAssertEqual(URLPaths.relative(from: "index.html", to: "a/b c.html"), "a/b%20c.html")
        XCTAssertEqual(URLPaths.relative(from: "a/b/c.html", to: "a/index.html"), "../index.html")
        XCTAssertEqual(URLPaths.relative(from: "a/x.html", to: "a/y.html"), "y.html")
        XCTAssertEqual(URLPaths.root(from: "a/b/c.html"), "../../")
        XCTAssertEqual(URLPaths.relative(from: "a.html", to: "q#%?.html"), "q%23%25%3F.html")
    }

    func testResolvingRelativeLinks() {
        XCTAssertEqual(URLPaths.resolve("../b/./c.md", in: "content/a"), "content/b/c.md")
        XCTAssertEqual(URLPaths.resolve("x//y.md", in: "content"), "content/x/y.md")
        XCTAssertEqual(URLPaths.resolve("/notes/é ü.md", in: "content/a"), "notes/é ü.md")
        XCTAssertEqual(URLPaths.resolve("../..", in: "content/a"), "")
        XCTAssertNil(URLPaths.resolve("../../..", in: "content/a"))
        XCTAssertEqual(URLPaths.resolve("日本/語.md", in: "content/é"), "content/é/日本/語.md")
        XCTAssertEqual(URLPaths.resolve("a/.../b", in: "c"), "c/a/.../b")
        // Random paths against the rule written plainly: split at slashes, drop `.`, `..` climbs.
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "é", ".", "..", "...", "", "b.md", ".x", "x."]
        func random() -> String {
            (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined(separator: "/")
        }
        for _ in 0..<5_000 {
            let (relative, folder) = ((Bool.random(using: &generator) ? "/" : "") + random(), random())
            var parts = relative.hasPrefix("/") ? [] : folder.split(separator: "/").map(String.init)
            var climbed = false
            for part in relative.split(separator: "/").map(String.init) where part != "." {
                if part != ".." {
                    parts.append(part)
                } else if parts.popLast() == nil {
                    climbed = true
                    break
                }
            }
            XCTAssertEqual(URLPaths.resolve(relative, in: folder), climbed ? nil : parts.joined(separator: "/"), "\(relative) in \(folder)")
        }
    }

    func testLinkTargetsAreCutAtSchemeFragmentAndQuery() {
        let renderer = PageRenderer(config: SiteConfig(), routes: RouteTable(), buildDate: Day(unixTime: 0), dataFiles: [:], files: ["x/é.png"])
        XCTAssertEqual(renderer.resolve("https://example.org/a.md", folder: "content"), .external)
        XCTAssertEqual(renderer.resolve("mailto:me@example.org", folder: "content"), .external)
        XCTAssertEqual(renderer.resolve("#top", folder: "content"), .fragmentOnly("top"))
        XCTAssertEqual(renderer.resolve("é.png?v=1#a:b", folder: "content/x"), .file("x/é.png"))
        XCTAssertEqual(renderer.resolve("a/b:c.md#x", folder: "content"), .missing("content/a/b:c.md"))
    }

    func testRelativeURLsOnBytesAreTheSegmentWalk() {
        // The byte-level path must give what the segment walk gives, on every path it accepts.
        var generator = SystemRandomNumberGenerator()
        let segments = ["a", "ab", "b", "a.html", "index.html", "x y", "é", ""]
        func path() -> String {
            (0..<Int.random(in: 1...4, using: &generator)).map { _ in segments.randomElement(using: &generator)! }.joined(separator: "/")
        }
        var accepted = 0
        for _ in 0..<5000 {
            let (source, target) = (path(), path())
            let fast = URLPaths.relativeOfCleanPaths(from: source, to: target)
            if fast != nil { accepted += 1 }
            XCTAssertEqual(
                fast ?? URLPaths.relativeBySegments(from: source, to: target),
                URLPaths.relativeBySegments(from: source, to: target), "\(source) → \(target)")
            XCTAssertEqual(URLPaths.relative(from: source, to: target), URLPaths.relativeBySegments(from: source, to: target))
        }
        XCTAssertGreaterThan(accepted, 1000)
        XCTAssertNil(URLPaths.relativeOfCleanPaths(from: "a//b.html", to: "c.html"))
        XCTAssertNil(URLPaths.relativeOfCleanPaths(from: "a.html", to: "x y.html"))
        XCTAssertEqual(URLPaths.relativeOfCleanPaths(from: "a/x.html", to: "ab/y.html"), "../ab/y.html")
        XCTAssertEqual(URLPaths.relativeOfCleanPaths(from: "ab/x.html", to: "a/y.html"), "../a/y.html")
        XCTAssertEqual(URLPaths.relativeOfCleanPaths(from: "a/b/c/d.html", to: "a/index.html"), "../../index.html")
    }

    func testShortenedSummariesTrimLikeFoundation() {
        // `shorten` trims punctuation and spaces by Unicode category; Foundation's sets are the reference.
        var generator = SystemRandomNumberGenerator()
        // The second alphabet is ASCII (the fast path: one byte is one character), CR LF included.
        let alphabets = [Array("ab c.,;:!?-—«»()[]\"'\t\u{00A0}\u{3000}é…"), Array("ab c.,;-()\t\r\n\r\n")]
        let trimmed = CharacterSet.punctuationCharacters.union(.whitespaces)
        for round in 0..<6000 {
            let alphabet = alphabets[round % 2]
            let text = String((0..<Int.random(in: 0...30, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let limit = Int.random(in: 1...20, using: &generator)
            var expected = text
            if text.count > limit {
                let cut = text.prefix(limit)
                expected = cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)].trimmingCharacters(in: trimmed) + "…"
            }
            XCTAssertEqual(PageRenderer.shorten(text, to: limit), expected, "'\(text)' to \(limit)")
        }
    }

    func testTheASCIISlugIsTheSlug() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09 ._-()/.'\t")
        for _ in 0..<2000 {
            let name = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            XCTAssertEqual(PathRules.slug(name), PathRules.unicodeSlug(name), "'\(name)'")
        }
    }

    func testSlugs() {
        XCTAssertEqual(PathRules.slug("Risk Register (v2)"), "risk-register-v2")
        XCTAssertEqual(PathRules.slug("Ünïcode Ñame"), "ünïcode-ñame")
        XCTAssertEqual(PathRules.slug("..."), "page")
        XCTAssertEqual(PathRules.title(fromFileName: "seven-day_plan"), "Seven day plan")
    }

    func testOrderingByWeightThenTitle() {
        let items: [(String, Int?)] = [("b", nil), ("a", nil), ("z", 1), ("y", 2), ("C", nil)]
        let ordered = SiteTreeBuilder.ordered(items, weight: { $0.1 }, title: { $0.0 }, path: { $0.0 })
        XCTAssertEqual(ordered.map(\.0), ["z", "y", "a", "b", "C"])
    }

    func testTagsAreGroupedByTheirPageAsTheReadingOrderMeetsThem() {
        // Reference: the rule as first written, one walk in reading order.
        func reference(_ pages: [RenderedPage]) -> [SiteTag] {
            var (tagged, names): ([String: [RenderedPage]], [String: String]) = ([:], [:])
            for page in pages {
                for tag in page.source.frontMatter.tags {
                    let path = SiteTree.tagPath(tag)
                    names[path] = names[path] ?? tag
                    tagged[path, default: []].append(page)
                }
            }
            return tagged.map { SiteTag(name: names[$0.key]!, outputPath: $0.key, pages: $0.value) }
                .sorted { ($0.name.lowercased(), $0.outputPath) < ($1.name.lowercased(), $1.outputPath) }
        }
        var generator = SystemRandomNumberGenerator()
        let vocabulary = ["Go", "go", "GO", "swift", "Swift", "on-call", "on call", "risk", "Café", "cafe", "x"]
        for round in 0..<20 {
            let pages = (0..<40).map { number -> RenderedPage in
                var matter = FrontMatter()
                matter.tags = (0..<Int.random(in: 0...4, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }
                return RenderedPage(
                    source: PageSource(
                        path: "content/p\(number).md", folders: [], baseName: "p\(number)", kind: .page, frontMatter: matter, body: "",
                        bodyLineOffset: 0),
                    outputPath: "p\(number).html", title: "P\(number)", summary: "", html: "", headings: [], startsWithTitle: false, links: [])
            }
            let (tags, expected) = (SiteTreeBuilder.tags(of: pages), reference(pages))
            XCTAssertEqual(tags.map(\.name), expected.map(\.name), "round \(round)")
            XCTAssertEqual(tags.map(\.outputPath), expected.map(\.outputPath), "round \(round)")
            XCTAssertEqual(tags.map { $0.pages.map(\.outputPath) }, expected.map { $0.pages.map(\.outputPath) }, "round \(round)")
        }
    }
}
