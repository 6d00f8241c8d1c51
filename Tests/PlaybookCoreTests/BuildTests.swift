import XCTest

@testable import PlaybookCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

final class BuildTests: XCTestCase {
    /// Builds `Fixtures/NAME/site` and compares every HTML file with `Fixtures/NAME/expected`.
    /// Set `UPDATE_GOLDENS=1` to rewrite the expected files.
    func assertGoldenSite(_ name: String, buildDate: String = "2026-11-30", file: StaticString = #filePath, line: UInt = #line) throws {
        let fixture = fixturesFolder().appendingPathComponent(name)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var options = BuildOptions(root: fixture.appendingPathComponent("site"), output: output)
        options.buildDate = Day(buildDate)!
        let result = SiteBuild(options: options).run()
        XCTAssertEqual(result.diagnostics.map(\.description), [], file: file, line: line)
        let actual = snapshot(of: output).filter { $0.key.hasSuffix(".html") || $0.key.hasSuffix(".ics") }
        try Golden.assert(actual, matches: fixture.appendingPathComponent("expected"), wholeFolder: true, file: file, line: line)
    }

    func testBasicSiteMatchesGoldenFiles() throws {
        try assertGoldenSite("basic")
    }

    func testBlocksSiteMatchesGoldenFiles() throws {
        try assertGoldenSite("blocks")
    }

    func testBasicSiteStructure() throws {
        let site = fixturesFolder().appendingPathComponent("basic/site")
        let result = SiteBuild(options: BuildOptions(root: site)).plan()
        let paths = result.files.map(\.path).sorted()
        XCTAssertEqual(
            paths,
            [
                "404.html", "assets/playbook.css", "assets/playbook.js", "guide/deep/index.html", "guide/deep/nested-page.html", "guide/first.html",
                "guide/index.html", "guide/second.html", "index.html", "notes/idea.html", "notes/index.html", "playbook.html",
                "search-index.js", "tags/basics.html", "tags/index.html", "tags/start.html",
            ])
        let html = Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, String(decoding: $0.data, as: UTF8.self)) })
        let first = try XCTUnwrap(html["guide/first.html"])
        XCTAssertTrue(first.contains("<h2 id=\"why-it-matters-1\">"), "duplicate headings get unique ids")
        XCTAssertTrue(first.contains("href=\"second.html\""), ".md links are rewritten")
        XCTAssertTrue(first.contains("href=\"../assets/playbook.css\""), "assets are linked relatively")
        XCTAssertEqual(first.components(separatedBy: "<h1").count - 1, 1, "exactly one h1")
        XCTAssertTrue(first.contains("aria-current=\"page\">First step</a>"), "current page is marked in the nav")
        XCTAssertTrue(first.contains("rel=\"prev\" href=\"index.html\""))
        XCTAssertTrue(first.contains("rel=\"next\" href=\"second.html\""))
        let second = try XCTUnwrap(html["guide/second.html"])
        XCTAssertEqual(second.components(separatedBy: "<h1").count - 1, 1, "a body's own # heading replaces the template's")
        XCTAssertTrue(second.contains("<title>Second step from heading · Fixture &amp; Co</title>"))
        XCTAssertTrue(try XCTUnwrap(html["guide/deep/nested-page.html"]).contains("<h1>Nested page</h1>"))
        let idea = try XCTUnwrap(html["notes/idea.html"])
        XCTAssertFalse(idea.contains("<script>alert"), "titles are escaped")
        XCTAssertTrue(idea.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; idea"))
        XCTAssertFalse(try XCTUnwrap(html["index.html"]).contains("<b>raw HTML</b>"), "raw HTML is dropped by default")
        XCTAssertNil(html["notes/draft.html"], "drafts are left out")
    }

    func testDraftsAreIncludedOnRequest() throws {
        var options = BuildOptions(root: fixturesFolder().appendingPathComponent("basic/site"))
        options.includeDrafts = true
        XCTAssertTrue(SiteBuild(options: options).plan().files.contains { $0.path == "notes/draft.html" })
    }

    func testFailedBuildLeavesPreviousOutputByteIdentical() throws {
        let site = try TempSite(["content/index.md": "# Home\n", "content/a.md": "---\ntitle: A\n---\nA\n"])
        XCTAssertTrue(site.build().succeeded)
        let before = snapshot(of: site.output)
        XCTAssertFalse(before.isEmpty)
        try site.write("content/a.md", "---\ntitle: [broken\n---\nA\n")
        try site.write("content/b.md", "---\nweight: heavy\n---\nB\n")
        let failed = site.build()
        XCTAssertFalse(failed.succeeded)
        XCTAssertEqual(
            failed.diagnostics.filter { $0.severity == .error }.map(\.location.path), ["content/a.md", "content/b.md"], "all errors at once")
        XCTAssertEqual(snapshot(of: site.output), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".public.staging").path))
    }

    func testEscapingSlugIsRefusedAndNothingLandsOutside() throws {
        let site = try TempSite(["content/a.md": "---\nslug: ../../escaped\n---\nA\n"])
        let parentBefore = try FileManager.default.contentsOfDirectory(atPath: site.root.deletingLastPathComponent().path)
        let result = site.build()
        XCTAssertEqual(
            result.diagnostics.map(\.description),
            [
                "content/a.md:2: error: slug '../../escaped' would leave its folder; a slug is a single name without '/', '\\' or '..'"
            ])
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.output.path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted(), ["content"])
        let parentAfter = try FileManager.default.contentsOfDirectory(atPath: site.root.deletingLastPathComponent().path)
        XCTAssertEqual(Set(parentAfter).subtracting(parentBefore).filter { $0.contains("escaped") }, [])
    }

    func testSiteWithOnlyContentFolderUsesBuiltInTheme() throws {
        let site = try TempSite(["content/index.md": "# Only content\n"])
        let output = site.root.appendingPathComponent("elsewhere/out")
        let result = site.build(output: output)
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/playbook.css").path))
    }

    func testRefusesToReplaceAFolderThatIsNotABuild() throws {
        let site = try TempSite(["content/index.md": "# Home\n", "public/precious.txt": "keep me"])
        let result = site.build()
        XCTAssertTrue(result.diagnostics.hasErrors)
        XCTAssertEqual(site.read("public/precious.txt"), "keep me")
    }

    func testOutputInsideSourcesIsRefused() throws {
        let site = try TempSite(["content/index.md": "# Home\n"])
        let result = site.build(output: site.root.appendingPathComponent("content/out"))
        XCTAssertTrue(result.diagnostics.first?.message.contains("inside content/") ?? false)
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("content/out").path))
    }

    func testLayoutOverrideAndUnknownTemplateNameWarning() throws {
        let site = try TempSite([
            "content/index.md": "# Home\n",
            "content/a.md": "---\nlayout: wide\nowner: Sam\n---\nA\n",
            "layouts/wide.mustache": "<p>{{page.title}} by {{page.params.owner}} {{titel}}</p>",
        ])
        let result = site.build()
        XCTAssertEqual(
            result.diagnostics.map(\.description),
            [
                "layouts/wide.mustache: warning: wide (or a partial it uses) refers to 'titel', which no page model has (a typo?)"
            ])
        XCTAssertEqual(site.read("public/a.html"), "<p>A by Sam </p>")
    }

    func testMissingLayoutIsAnError() throws {
        let site = try TempSite(["content/a.md": "---\nlayout: nope\n---\nA\n"])
        let message = site.build().diagnostics.first?.description ?? ""
        XCTAssertTrue(message.hasPrefix("content/a.md:2: error: layout 'nope' not found"), message)
    }

    func testBrokenMarkdownLinkAndAnchorAreWarningsUnlessLinksAreErrors() throws {
        let site = try TempSite([
            "content/index.md": "# Home\n\n[gone](missing.md) and [anchor](a.md#nope) and [ok](a.md#real)\n",
            "content/a.md": "## Real\n",
        ])
        let result = site.build()
        XCTAssertTrue(result.succeeded, "a stale link does not stop the build")
        XCTAssertEqual(
            result.diagnostics.map(\.description),
            [
                "content/index.md:3: warning: link 'a.md#nope' points at a heading '#nope' that does not exist",
                "content/index.md:3: warning: link to missing page 'missing.md' (looked for content/missing.md)",
            ])
        try site.write("playbook.yml", "links: error\n")
        let strict = site.build()
        XCTAssertFalse(strict.succeeded)
        XCTAssertEqual(strict.diagnostics.map(\.severity), [.error, .error])
        try site.write("playbook.yml", "links: maybe\n")
        XCTAssertTrue(site.build().diagnostics.map(\.description).contains("playbook.yml:1: error: 'links' must be warning or error"))
    }

    func testSymlinksInContentAreNotFollowed() throws {
        let site = try TempSite(["content/index.md": "# Home\n"])
        let secret = site.root.appendingPathComponent("secret.md")
        try "TOP SECRET".write(to: secret, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            at: site.root.appendingPathComponent("content/leak.md"), withDestinationURL: secret)
        let result = site.build()
        XCTAssertEqual(
            result.diagnostics.map(\.description),
            [
                "content/leak.md: warning: symbolic link skipped: Playbook never follows links in a site's folders (copy the file or folder instead)"
            ])
        XCTAssertFalse(snapshot(of: site.output).values.contains { String(decoding: $0, as: UTF8.self).contains("TOP SECRET") })
    }

    func testCustomThemeMustExist() throws {
        let site = try TempSite(["content/index.md": "# Home\n", "playbook.yml": "theme: fancy\n"])
        XCTAssertEqual(
            site.build().diagnostics.map(\.description),
            [
                "playbook.yml: error: theme 'fancy' not found: expected a folder themes/fancy/"
            ])
    }

    func testTwoBuildsAreByteIdentical() throws {
        let site = fixturesFolder().appendingPathComponent("basic/site")
        let first = SiteBuild(options: BuildOptions(root: site)).plan().files
        let second = SiteBuild(options: BuildOptions(root: site)).plan().files
        XCTAssertEqual(first, second)
    }

    func testTagsGetPagesAndLinks() throws {
        let result = SiteBuild(options: BuildOptions(root: fixturesFolder().appendingPathComponent("basic/site"))).plan()
        let html = Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, String(decoding: $0.data, as: UTF8.self)) })
        XCTAssertTrue(try XCTUnwrap(html["guide/first.html"]).contains("<a href=\"../tags/start.html\" rel=\"tag\">start</a>"))
        let tag = try XCTUnwrap(html["tags/start.html"])
        XCTAssertTrue(tag.contains("<a href=\"../guide/first.html\">First step</a>"))
        XCTAssertTrue(try XCTUnwrap(html["tags/index.html"]).contains("<a href=\"basics.html\">basics</a>"))
    }

    func testHostingFilesNeedBaseURLAndAreWellFormedXML() throws {
        let site = fixturesFolder().appendingPathComponent("basic/site")
        XCTAssertFalse(SiteBuild(options: BuildOptions(root: site)).plan().files.contains { $0.path == "sitemap.xml" })
        var options = BuildOptions(root: site)
        options.baseURL = "https://example.org/team/playbook/"
        let files = Dictionary(uniqueKeysWithValues: SiteBuild(options: options).plan().files.map { ($0.path, $0.data) })
        for name in ["sitemap.xml", "feed.xml"] {
            let data = try XCTUnwrap(files[name])
            let parser = XMLParser(data: data)
            XCTAssertTrue(parser.parse(), "\(name) is well-formed: \(String(describing: parser.parserError))")
        }
        let sitemap = String(decoding: try XCTUnwrap(files["sitemap.xml"]), as: UTF8.self)
        XCTAssertTrue(sitemap.contains("<loc>https://example.org/team/playbook/guide/first.html</loc><lastmod>2024-03-01</lastmod>"))
        XCTAssertFalse(sitemap.contains("<loc>guide"), "only absolute URLs")
        let feed = String(decoding: try XCTUnwrap(files["feed.xml"]), as: UTF8.self)
        XCTAssertTrue(feed.contains("<id>https://example.org/team/playbook/guide/first.html</id>"))
        XCTAssertEqual(
            String(decoding: try XCTUnwrap(files["robots.txt"]), as: UTF8.self),
            "User-agent: *\nAllow: /\nSitemap: https://example.org/team/playbook/sitemap.xml\n")
        let page = String(decoding: try XCTUnwrap(files["guide/first.html"]), as: UTF8.self)
        XCTAssertTrue(page.contains("<link rel=\"canonical\" href=\"https://example.org/team/playbook/guide/first.html\">"))
        XCTAssertTrue(page.contains("href=\"second.html\""), "internal links stay relative")
    }

    func testTwoWrittenBuildsAreByteIdenticalOnDisk() throws {
        let site = fixturesFolder().appendingPathComponent("blocks/site")
        let first = FileManager.default.temporaryDirectory.appendingPathComponent("repro-a-\(UUID().uuidString)")
        let second = FileManager.default.temporaryDirectory.appendingPathComponent("repro-b-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        for output in [first, second] {
            var options = BuildOptions(root: site, output: output)
            options.buildDate = Day("2026-11-30")!
            XCTAssertTrue(SiteBuild(options: options).run().succeeded)
        }
        let a = snapshot(of: first)
        let b = snapshot(of: second)
        XCTAssertFalse(a.isEmpty)
        XCTAssertEqual(a, b)
    }

    func testExportIsSelfContained() throws {
        let result = SiteBuild(options: BuildOptions(root: fixturesFolder().appendingPathComponent("blocks/site"))).plan()
        let export = String(decoding: try XCTUnwrap(result.files.first { $0.path == "playbook.html" }).data, as: UTF8.self)
        XCTAssertFalse(export.contains("src=\""), "no external scripts or images")
        XCTAssertFalse(export.contains("<link rel=\"stylesheet\""))
        XCTAssertFalse(export.contains("href=\"kpis.html"), "page links become anchors")
        XCTAssertTrue(export.contains("href=\"#p2\""))
        XCTAssertTrue(export.contains("id=\"p2-kpis\""), "heading ids are prefixed per page")
        XCTAssertTrue(export.contains("href=\"data:text/calendar;charset=utf-8;base64,"), "calendars are inlined")
        XCTAssertTrue(export.contains("window.PLAYBOOK_SEARCH={\"v\":2,"), "the whole search index is inline")
        XCTAssertTrue(export.contains("\"pages\":[[\"Blocks\",\"#p1\""))
    }

    func testImagesAreCheckedAndCopied() throws {
        let site = try TempSite(["content/index.md": "# Home\n\n![ok](img/a.png) ![gone](img/b.png)\n"])
        try site.write("content/img/a.png", data: Data([0x89, 0x50, 0x4E, 0x47]))
        let result = site.build()
        XCTAssertEqual(
            result.diagnostics.map(\.description),
            [
                "content/index.md:3: warning: link to missing image 'img/b.png' (looked for content/img/b.png)"
            ])
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("img/a.png").path))
        var strict = BuildOptions(root: site.root)
        strict.strict = true
        XCTAssertFalse(SiteBuild(options: strict).plan().succeeded, "--strict turns the warning into an error")
    }

    func testParallelBuildEqualsSerialBuild() throws {
        let site = fixturesFolder().appendingPathComponent("blocks/site")
        var serial = BuildOptions(root: site)
        serial.jobs = 1
        var parallel = BuildOptions(root: site)
        parallel.jobs = 0
        XCTAssertEqual(SiteBuild(options: serial).plan().files, SiteBuild(options: parallel).plan().files)
    }

    /// Past the stages' batches (512 pages are parsed, rendered and highlighted at a time), every page
    /// keeps its own text, code and place. A build with neither cache nor export lets go of each page's
    /// HTML once it is written; it writes the same pages as one that keeps the HTML for its cache.
    /// Without the export no page links to it.
    func testPagesPastTheBatchesKeepTheirOwnTextAndCode() throws {
        let count = 1_100
        var files = ["content/_index.md": "# Home\n", "playbook.yml": "title: T\nexport: false\n"]
        for index in 0..<count {
            files["content/s\(index % 3)/p\(index).md"] = "# Page \(index)\n\nWord w\(index)x.\n\n```sql\nSELECT \(index);\n```\n"
        }
        let site = try TempSite(files)
        var options = BuildOptions(root: site.root)
        options.python = "/nonexistent/python3"  // every block waits for an answer, then is written plain
        let built = site.build(options: options)
        XCTAssertTrue(built.succeeded, "\(built.diagnostics.prefix(3))")
        for index in 0..<count {
            let page = try XCTUnwrap(site.read("public/s\(index % 3)/p\(index).html"), "page \(index)")
            XCTAssertTrue(page.contains("Word w\(index)x.") && page.contains(">SELECT \(index);\n</code>"), "page \(index)")
            XCTAssertFalse(page.contains(ExportBuilder.fileName), "page \(index) links to an export that is not written")
        }
        XCTAssertNil(site.read("public/" + ExportBuilder.fileName))
        options.useCache = true
        options.output = site.root.appendingPathComponent("kept")
        XCTAssertTrue(site.build(options: options).succeeded)
        let (written, kept) = (snapshot(of: site.output), snapshot(of: options.output))
        XCTAssertEqual(written.count, kept.count)
        for (path, data) in kept where path.hasSuffix(".html") { XCTAssertEqual(written[path], data, path) }
    }

    /// Above the inline limit every page carries the same small sidebar and nav.js holds the tree,
    /// so page size does not grow with the number of pages.
    func testLargeSiteNavigationStaysLinear() throws {
        func pageSizes(_ count: Int) throws -> (median: Int, hasScript: Bool) {
            var files: [String: String] = ["content/_index.md": "# Home\n"]
            for index in 0..<count { files["content/s\(index % 10)/p\(index).md"] = "# Page \(index)\n\nText.\n" }
            let site = try TempSite(files)
            let result = SiteBuild(options: BuildOptions(root: site.root)).plan()
            let sizes = result.files.filter { $0.path.hasPrefix("s") && $0.path.hasSuffix(".html") }.map(\.data.count).sorted()
            return (sizes[sizes.count / 2], result.files.contains { $0.path == "nav.js" })
        }
        let small = try pageSizes(300)
        let large = try pageSizes(1200)
        XCTAssertTrue(small.hasScript && large.hasScript)
        XCTAssertLessThan(Double(large.median), Double(small.median) * 1.1, "a page of a 4× larger site is not larger")
    }

    func testBuildKilledBetweenTheTwoRenamesIsRecovered() throws {
        let site = try TempSite(["content/index.md": "# Home\n"])
        XCTAssertTrue(site.build().succeeded)
        let before = snapshot(of: site.output)
        // The moment between "public → .public.old" and ".public.staging → public".
        let old = site.root.appendingPathComponent(".public.old")
        try FileManager.default.moveItem(at: site.output, to: old)
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent(".public.staging"), withIntermediateDirectories: true)
        try site.write("content/index.md", "---\ntitle: [broken\n---\n")
        XCTAssertFalse(site.build().succeeded)
        XCTAssertEqual(snapshot(of: site.output), before, "the previous output is put back")
        XCTAssertFalse(FileManager.default.fileExists(atPath: old.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".public.staging").path))
    }
}
