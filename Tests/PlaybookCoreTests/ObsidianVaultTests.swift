import Foundation
import XCTest

@testable import PlaybookCore

/// `Fixtures/obsidian-vault`: a vault as Obsidian keeps it (no `_index.md`, notes in folders, an
/// `Index.md`, attachments with spaces in their names, aliases, a table of wikilinks, note, section
/// and image embeds, an embed cycle, inline tags, comments and highlights, `.obsidian/` and `.trash/`).
/// It builds with exactly the warnings in `expected/warnings.txt`, its pages match the golden files,
/// no wikilink is left as text, every page linked to lists its backlinks, and an incremental build
/// after adding a link equals a clean build. CI opens it in Chromium too (no broken link or image).
final class ObsidianVaultTests: XCTestCase {
    let fixture = fixturesFolder().appendingPathComponent("obsidian-vault")

    func build(_ root: URL, into output: URL, cache: Bool = false) -> BuildResult {
        var options = BuildOptions(root: root, output: output)
        options.buildDate = Day("2026-11-30")!
        options.useCache = cache
        return SiteBuild(options: options).run()
    }

    func testBuildsWithItsWarningsAndMatchesGoldenFiles() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("vault-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = build(fixture.appendingPathComponent("site"), into: output)
        XCTAssertTrue(result.succeeded)
        try Golden.assert(
            result.diagnostics.map(\.description).joined(separator: "\n") + "\n", matches: fixture.appendingPathComponent("expected/warnings.txt"))
        let files = snapshot(of: output)
        try Golden.assert(files.filter { $0.key.hasSuffix(".html") }, matches: fixture.appendingPathComponent("expected/site"), wholeFolder: true)
        // Attachments are copied; Obsidian's own folders are not content.
        XCTAssertNotNil(files["attachments/team photo.png"])
        XCTAssertNotNil(files["attachments/diagram.svg"])
        XCTAssertFalse(files.keys.contains { $0.contains("obsidian") || $0.contains("trash") || $0.contains("deleted") }, "\(files.keys.sorted())")
        for (path, data) in files where path.hasSuffix(".html") && path != "playbook.html" {
            let html = String(decoding: data, as: UTF8.self)
            XCTAssertFalse(html.contains("[["), "a wikilink left as text in \(path)")
            XCTAssertFalse(html.contains("%%"), "a comment left in \(path)")
        }
        try assertBacklinksComplete(in: output)
        // The export inlines every image, SVG too (cmark would drop a `data:` SVG).
        let export = String(decoding: files["playbook.html"] ?? Data(), as: UTF8.self)
        XCTAssertTrue(export.contains(#"<img src="data:image/svg+xml;base64,"#), "the SVG diagram is inlined")
        XCTAssertFalse(export.contains(#"src="""#), "no image lost its source")
    }

    /// The example playbook, too: every page another page links to lists that page.
    func testTheExampleListsEveryBacklink() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("example-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        XCTAssertTrue(build(repositoryRoot(), into: output).succeeded)
        try assertBacklinksComplete(in: output)
    }

    func testAnIncrementalBuildAfterAddingALinkEqualsACleanBuild() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("vault-work-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.copyItem(at: fixture.appendingPathComponent("site"), to: work)
        let output = work.appendingPathComponent("public")
        XCTAssertTrue(build(work, into: output, cache: true).succeeded)
        let plan = work.appendingPathComponent("content/projects/Plan.md")
        try (String(contentsOf: plan, encoding: .utf8) + "\nBack to [[Welcome]] and [[loops/A]].\n").write(
            to: plan, atomically: true, encoding: .utf8)
        XCTAssertTrue(build(work, into: output, cache: true).succeeded)
        let welcome = try String(contentsOf: output.appendingPathComponent("welcome.html"), encoding: .utf8)
        XCTAssertTrue(welcome.contains(#"<li><a href="projects/plan.html">Plan</a></li>"#), welcome)
        let clean = FileManager.default.temporaryDirectory.appendingPathComponent("vault-clean-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clean) }
        XCTAssertTrue(build(work, into: clean).succeeded)
        XCTAssertEqual(snapshot(of: output), snapshot(of: clean))
    }

    /// For every page (not a tag or generated page), the pages whose own text links to it (links inside
    /// an embedded note are the note's, a list of pages is not text) are exactly those its
    /// "Linked from" lists.
    func assertBacklinksComplete(in output: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let pages = snapshot(of: output).filter { path, _ in
            path.hasSuffix(".html") && !path.hasPrefix("tags/")
                && !["playbook.html", "404.html", "dashboard.html", "report.html"].contains(path)
        }.mapValues { String(decoding: $0, as: UTF8.self) }
        var linkers: [String: Set<String>] = [:]
        for (path, html) in pages {
            for target in Self.links(in: Self.ownText(of: html), from: path) where target != path && pages[target] != nil {
                linkers[target, default: []].insert(path)
            }
        }
        XCTAssertFalse(linkers.isEmpty, "no page links to another", file: file, line: line)
        for (path, html) in pages {
            let listed = html.components(separatedBy: "<section class=\"pb-backlinks\"").dropFirst().first.map { section in
                Set(Self.links(in: section.components(separatedBy: "</section>")[0], from: path))
            }
            XCTAssertEqual(listed ?? [], linkers[path] ?? [], "backlinks of \(path)", file: file, line: line)
        }
    }

    /// The article from its title to its backlinks, without embedded notes' bodies.
    static func ownText(of html: String) -> String {
        guard let start = html.range(of: "<h1"), let end = html.range(of: "</article>", options: .backwards) else { return "" }
        var text = String(html[start.lowerBound..<end.lowerBound])
        if let backlinks = text.range(of: "<section class=\"pb-backlinks\"") { text = String(text[..<backlinks.lowerBound]) }
        for (open, close) in [("<section class=\"pb-section\">", "</section>"), ("<ul class=\"pb-cards\">", "</ul>")] {
            while let list = text.range(of: open), let end = text.range(of: close, range: list.upperBound..<text.endIndex) {
                text.removeSubrange(list.lowerBound..<end.upperBound)
            }
        }
        while let body = text.range(of: "<div class=\"pb-embed-body\">") {
            // To the `</div>` that closes it.
            var depth = 1
            var at = body.upperBound
            while depth > 0, let next = text.range(of: "div", range: at..<text.endIndex) {
                let before = text[text.index(before: next.lowerBound)]
                if before == "<" { depth += 1 } else if before == "/" { depth -= 1 }
                at = next.upperBound
            }
            text.removeSubrange(body.lowerBound..<at)
        }
        return text
    }

    /// The output paths `html` (of the page at `page`) links to, without fragments.
    static func links(in html: String, from page: String) -> [String] {
        let base = URL(fileURLWithPath: "/site/" + page)
        return html.components(separatedBy: "href=\"").dropFirst().compactMap { piece in
            let href = String(piece.prefix { $0 != "\"" }).components(separatedBy: "#")[0]
            guard !href.isEmpty, !href.contains(":"), let url = URL(string: href, relativeTo: base) else { return nil }
            return url.standardizedFileURL.path.replacingOccurrences(of: "/site/", with: "").removingPercentEncoding
        }
    }
}
