import Foundation
import XCTest

@testable import PlaybookCore

/// Hostile and broken input: every build finishes in seconds, is never killed, either succeeds or
/// fails with `path:line: error|warning: …` naming the offending file, writes nothing outside the
/// output, and on failure leaves the previous output byte-identical.
final class MalformedInputTests: XCTestCase {
    func testBrokenFrontMatter() throws {
        try check("invalid YAML", ["content/bad.md": text("---\ntitle: [x\n---\n")], expect: .fails, naming: "content/bad.md")
        try check("unterminated", ["content/bad.md": text("---\ntitle: x\nbody\n")], expect: .fails, naming: "content/bad.md")
        try check("tabs", ["content/bad.md": text("---\ntitle: x\n\tweight: 1\n---\n")], expect: .fails, naming: "content/bad.md")
        try check("duplicate keys", ["content/bad.md": text("---\ntitle: a\ntitle: b\n---\n")], expect: .fails, naming: "content/bad.md")
        try check("wrong types", ["content/bad.md": text("---\ntitle: [a]\nweight: heavy\n---\n")], expect: .fails, naming: "content/bad.md")
        try check("impossible date", ["content/bad.md": text("---\ndate: 2024-02-30\n---\n")], expect: .fails, naming: "content/bad.md")
        try check(
            "YAML tags", ["content/bad.md": text("---\ntitle: !!python/object/apply:os.system ['ls']\n---\n")], expect: .fails,
            naming: "content/bad.md")
    }

    func testYAMLBombsAreBounded() throws {
        var bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i", "j"] {
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        try check("billion laughs", ["content/bomb.md": text(bomb + "---\n")], expect: .fails, naming: "content/bomb.md")
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        try check("10,000-deep YAML", ["content/deep.md": text("---\nx: \(deep)\n---\n")], expect: .fails, naming: "content/deep.md")
        let deepMap = (0..<10_000).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n")
        try check("10,000-deep YAML mapping", ["content/deep.md": text("---\n\(deepMap) x\n---\n")], expect: .fails, naming: "content/deep.md")
    }

    func testEncodingsAndLineEnds() throws {
        try check("BOM", ["content/bom.md": Data([0xEF, 0xBB, 0xBF]) + text("---\ntitle: B\n---\nx\n")], expect: .builds)
        try check("CRLF", ["content/crlf.md": text("---\r\ntitle: C\r\n---\r\nx\r\n")], expect: .builds)
        try check("bare CR", ["content/cr.md": text("---\rtitle: C\r---\rx\r")], expect: .builds)
        try check("invalid UTF-8", ["content/bad.md": Data([0x23, 0x20, 0xC3, 0x28, 0xFF, 0x0A])], expect: .builds, naming: "content/bad.md")
        try check("Latin-1", ["content/latin.md": Data("# Caf\u{E9}\n".data(using: .isoLatin1)!)], expect: .builds, naming: "content/latin.md")
        try check("NUL bytes", ["content/nul.md": text("# A\0B\n\0\0\n")], expect: .builds, naming: "content/nul.md")
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try check("binary garbage", ["content/garbage.md": garbage], expect: .builds)
        try check("empty", ["content/empty.md": Data()], expect: .builds)
        try check("whitespace only", ["content/blank.md": text("   \n\t\n  \n")], expect: .builds)
    }

    func testHugeAndPathologicalMarkdown() throws {
        try check("5 MB single line", ["content/huge.md": text(String(repeating: "word ", count: 1_000_000))], expect: .builds)
        try check("10,000 nested lists", ["content/lists.md": text(String(repeating: "- ", count: 10_000) + "item\n")], expect: .builds)
        try check("10,000 nested quotes", ["content/quotes.md": text(String(repeating: ">", count: 10_000) + " deep\n")], expect: .builds)
        try check("20,000 unclosed brackets", ["content/brackets.md": text(String(repeating: "[", count: 20_000))], expect: .builds)
        try check("deep emphasis", ["content/emph.md": text(String(repeating: "*a ", count: 20_000))], expect: .builds)
    }

    func testHostileValuesAreText() throws {
        try check(
            "script title", ["content/x.md": text("---\ntitle: \"<script>alert(1)</script> {{site.title}} {{{page.content}}}\"\n---\n")],
            expect: .builds)
    }

    func testPathsAndNames() throws {
        try check("slug ../", ["content/a.md": text("---\nslug: ../../evil\n---\n")], expect: .fails, naming: "content/a.md")
        try check("slug absolute", ["content/a.md": text("---\nslug: /etc/passwd\n---\n")], expect: .fails, naming: "content/a.md")
        try check(
            "one slug, two pages", ["content/a.md": text("---\nslug: same\n---\n"), "content/b.md": text("---\nslug: same\n---\n")], expect: .fails,
            naming: "content/b.md")
        try check("case collision", ["content/Page.md": text("A"), "content/page.md": text("B")], expect: .fails, naming: "content/page.md")
        // Swift strings compare by canonical equivalence, so these two names are written one by one.
        try check("Unicode normalisation collision", [:], expect: .fails) { site in
            for (name, body) in [("content/caf\u{E9}.md", "A"), ("content/cafe\u{301}.md", "B")] {
                FileManager.default.createFile(atPath: site.root.path + "/" + name, contents: Data(body.utf8))
            }
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: site.root.path + "/content").filter { $0.hasPrefix("caf") }.count, 2)
        }
        let long = String(repeating: "a", count: 252) + ".md"
        try check("255-byte name", ["content/\(long)": text("# Long\n")], expect: .builds)
        try check("non-ASCII names", ["content/Ünïcödé plan/日本語.md": text("# Unicode\n")], expect: .builds)
        try check(
            "spaces # ? %", ["content/a b#c?d%e.md": text("# Odd\n"), "content/link.md": text("[odd](a%20b%23c%3Fd%25e.md)\n")], expect: .builds)
        try check("folder named x.md", ["content/x.md/inner.md": text("# Inner\n")], expect: .builds)
        try check(
            "backup and other files", ["content/a.md~": text("x"), "content/notes.txt": text("x"), "content/.hidden.md": text("x")], expect: .builds)
    }

    func testLinksAndPipesInContent() throws {
        try check("symlink out", [:], expect: .builds, naming: "content/leak.md") { site in
            try FileManager.default.createSymbolicLink(
                at: site.root.appendingPathComponent("content/leak.md"), withDestinationURL: URL(fileURLWithPath: "/etc/passwd"))
        }
        try check("named pipe", [:], expect: .builds, naming: "content/pipe.md") { site in
            XCTAssertEqual(mkfifo(site.root.appendingPathComponent("content/pipe.md").path, 0o644), 0)
        }
    }

    func testSymlinkedFileIsNeverPublished() throws {
        let site = try TempSite(["content/index.md": "# Home\n"])
        try FileManager.default.createSymbolicLink(
            at: site.root.appendingPathComponent("content/passwd.md"), withDestinationURL: URL(fileURLWithPath: "/etc/passwd"))
        XCTAssertTrue(site.build().succeeded)
        for (_, data) in snapshot(of: site.output) {
            XCTAssertFalse(String(decoding: data, as: UTF8.self).contains("root:x:0:0"))
        }
    }
}
