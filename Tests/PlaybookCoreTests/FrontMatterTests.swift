import XCTest

@testable import PlaybookCore

final class FrontMatterTests: XCTestCase {
    func parse(_ text: String, path: String = "content/a.md") -> (PageSource?, [String]) {
        let (page, diagnostics) = PageParser().parse(SourceFile(path: path, data: Data(text.utf8)))
        return (page, diagnostics.map(\.description))
    }

    func testFileWithoutFrontMatterIsAllBody() throws {
        let split = try FrontMatterSplitter().split("# Title\n\nBody").get()
        XCTAssertNil(split.frontMatter)
        XCTAssertEqual(split.body, "# Title\n\nBody")
        XCTAssertEqual(split.bodyLineOffset, 0)
    }

    func testBodyLinesAreOffsetByFrontMatter() throws {
        let split = try FrontMatterSplitter().split("---\ntitle: X\nweight: 2\n---\nBody\n").get()
        XCTAssertEqual(split.frontMatter, "title: X\nweight: 2")
        XCTAssertEqual(split.body, "Body\n")
        XCTAssertEqual(split.bodyLineOffset, 4)
        XCTAssertEqual(split.frontMatterLineOffset, 1)
    }

    func testUnterminatedFrontMatterIsAnError() {
        XCTAssertEqual(
            parse("---\ntitle: X\n\nBody").1, ["content/a.md:1: error: front matter opened with '---' on line 1 is never closed with '---'"])
    }

    func testKnownKeysAreRead() throws {
        let (page, problems) = parse(
            "---\ntitle: Hello\nsummary: Short\nweight: 3\ndate: 2024-02-29\ndraft: true\ntags: [a, b, a]\nslug: hi\nlayout: wide\nowner: Me\n---\nBody"
        )
        XCTAssertEqual(problems, [])
        let matter = try XCTUnwrap(page?.frontMatter)
        XCTAssertEqual(matter.title, "Hello")
        XCTAssertEqual(matter.summary, "Short")
        XCTAssertEqual(matter.weight, 3)
        XCTAssertEqual(matter.date?.description, "2024-02-29")
        XCTAssertTrue(matter.draft)
        XCTAssertEqual(matter.tags, ["a", "b"])
        XCTAssertEqual(matter.slug, "hi")
        XCTAssertEqual(matter.layout, "wide")
        XCTAssertEqual(matter.params.map(\.key), ["owner"])
    }

    func testWrongTypesNameTheKeyAndFileLine() {
        let (page, problems) = parse("---\ntitle: [a, b]\nweight: heavy\ndate: 2024-02-30\ndraft: maybe\n---\n")
        XCTAssertNil(page)
        XCTAssertEqual(
            problems,
            [
                "content/a.md:2: error: 'title' must be text, not a list",
                "content/a.md:3: error: 'weight' must be a whole number, not 'heavy'",
                "content/a.md:4: error: 'date' must be a real date written YYYY-MM-DD, not '2024-02-30'",
                "content/a.md:5: error: 'draft' must be true or false, not 'maybe'",
            ])
    }

    func testInvalidYAMLReportsFileLine() {
        let problems = parse("---\ntitle: ok\nsummary: [unclosed\nweight: 1\n---\nBody").1
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems[0].hasPrefix("content/a.md:"), problems[0])
        XCTAssertTrue(problems[0].contains("error: invalid YAML"), problems[0])
    }

    func testDuplicateKeysAreAnError() {
        let problems = parse("---\ntitle: a\ntitle: b\n---\n").1
        XCTAssertEqual(problems, ["content/a.md:2: error: duplicate key 'title' in YAML mapping"])
    }

    func testMisspeltKnownKeyGetsSuggestion() {
        let (page, problems) = parse("---\nwieght: 2\n---\n")
        XCTAssertNotNil(page)
        XCTAssertEqual(problems, ["content/a.md:2: warning: unknown front-matter key 'wieght'; did you mean 'weight'?"])
    }

    func testSuggestionsAreThoseOfTheEditDistanceAlone() {
        // The letter and length checks only skip keys the distance would rule out: compared with the
        // plain rule on every key one or two edits from a known key, and on unrelated ones.
        func plain(_ key: String) -> String? {
            let lowered = key.lowercased()
            if FrontMatter.knownKeys.contains(lowered) { return lowered }
            let limit = key.unicodeScalars.count > 4 ? 2 : 1
            return FrontMatter.knownKeys.first { EditDistance.between($0, lowered) <= limit }
        }
        var keys = ["owner", "status", "review", "links", "tilte", "Title", "sumary", "wieght", "dat", "slugs", "layuot", "draf", "é", "tågs"]
        var generator = SystemRandomNumberGenerator()
        let letters = Array("abcdefghijklmnopqrstuvwxyzé_-")
        for known in FrontMatter.knownKeys {
            for _ in 0..<300 {
                var key = Array(known)
                for _ in 0..<Int.random(in: 1...2, using: &generator) {
                    let at = Int.random(in: 0...key.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: key.insert(letters.randomElement(using: &generator)!, at: at)
                    case 1 where at < key.count: key.remove(at: at)
                    default: if at < key.count { key[at] = letters.randomElement(using: &generator)! }
                    }
                }
                keys.append(String(key))
            }
        }
        for key in keys {
            XCTAssertEqual(FrontMatterParser.suggestion(for: key), plain(key), key)
        }
    }

    func testEditDistanceIsLevenshteinsInUnicodeScalars() {
        // The textbook table, on arrays of scalars, against the one in temporary buffers.
        func reference(_ a: String, _ b: String) -> Int {
            let (a, b) = (Array(a.unicodeScalars), Array(b.unicodeScalars))
            if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
            var table = (0...a.count).map { i in (0...b.count).map { j in i == 0 ? j : (j == 0 ? i : 0) } }
            for i in 1...a.count {
                for j in 1...b.count {
                    table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
            }
            return table[a.count][b.count]
        }
        XCTAssertEqual(EditDistance.between("kitten", "sitting"), 3)
        XCTAssertEqual(EditDistance.between("", "abc"), 3)
        XCTAssertEqual(EditDistance.between("tågs", "tags"), 1)
        // "e" and a combining acute accent are two scalars; "é" precomposed is one.
        XCTAssertEqual(EditDistance.between("e\u{301}", "\u{E9}"), 2)
        var generator = SystemRandomNumberGenerator()
        let letters = Array("abcé😀\u{301}")
        for _ in 0..<500 {
            let a = String((0..<Int.random(in: 0...7, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
            let b = String((0..<Int.random(in: 0...7, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
            XCTAssertEqual(EditDistance.between(a, b), reference(a, b), "\(a) / \(b)")
        }
    }

    func testFrontMatterMustBeAMapping() {
        XCTAssertEqual(parse("---\n- a\n- b\n---\n").1, ["content/a.md:2: error: front matter must be a mapping of keys to values, not a list"])
    }

    func testLanguageSpecificTagsAreRefused() {
        let problems = parse("---\ntitle: !!python/object:os.system x\n---\n").1
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems[0].contains("unsupported YAML tag"), problems[0])
    }

    func testAliasBombIsBounded() {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        let problems = parse("---\n\(yaml)---\n").1
        XCTAssertTrue(problems.contains { $0.contains("more than 100000 values") }, "\(problems)")
    }

    func testBOMAndCRLFAreNormalised() throws {
        let (page, problems) = parse("\u{FEFF}---\r\ntitle: Win\r\n---\r\nBody\r\n")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(page?.frontMatter.title, "Win")
        XCTAssertEqual(page?.body, "Body\n")
    }

    func testInvalidUTF8IsAWarningNotACrash() {
        var data = Data("---\ntitle: x\n---\ncaf".utf8)
        data.append(0xE9)
        let (page, problems) = PageParser().parse(SourceFile(path: "content/l.md", data: data))
        XCTAssertNotNil(page)
        XCTAssertEqual(
            problems.map(\.description),
            ["content/l.md:1: warning: file is not valid UTF-8; invalid bytes were replaced with U+FFFD (save it as UTF-8)"])
    }

    func testIndexFilesAreSectionsAndHome() {
        XCTAssertEqual(parse("x", path: "content/_index.md").0?.kind, .home)
        XCTAssertEqual(parse("x", path: "content/plan/index.md").0?.kind, .section)
        XCTAssertEqual(parse("x", path: "content/plan/day.md").0?.kind, .page)
        XCTAssertEqual(parse("x", path: "content/plan/day.md").0?.folders, ["plan"])
    }

    func testDays() {
        XCTAssertNotNil(Day("2024-02-29"))
        XCTAssertNil(Day("2023-02-29"))
        XCTAssertNil(Day("2024-13-01"))
        XCTAssertNil(Day("2024-1-01"))
        XCTAssertEqual(Day(unixTime: 0).description, "1970-01-01")
        XCTAssertEqual(Day(unixTime: 1_709_164_800).description, "2024-02-29")
    }

    func testSiteConfigUnknownKeyWarns() {
        let (config, problems) = SiteConfigParser().parse("title: T\ntheme: default\ntitel: x\nunsafe_html: yes\n")
        XCTAssertEqual(config.title, "T")
        XCTAssertTrue(config.unsafeHTML)
        XCTAssertEqual(problems.map(\.description), ["playbook.yml:3: warning: unknown key 'titel'; did you mean 'title'?"])
    }
}
