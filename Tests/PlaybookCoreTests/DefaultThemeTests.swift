import Mustache
import PlaybookMarkdown
import XCTest

@testable import PlaybookCore

final class DefaultThemeTests: XCTestCase {
    /// The built-in copy must match `themes/default/`; run `scripts/embed-default-theme.sh` after editing it.
    func testBuiltInThemeMatchesThemesFolder() throws {
        let folder = repositoryRoot().appendingPathComponent("themes/default")
        let onDisk = snapshot(of: folder).mapValues { String(decoding: $0, as: UTF8.self) }
        XCTAssertEqual(onDisk.keys.sorted(), DefaultTheme.files.keys.sorted())
        for (path, text) in onDisk {
            XCTAssertEqual(DefaultTheme.files[path], text, "\(path) differs: run scripts/embed-default-theme.sh")
        }
    }

    /// The `toc` template before `page.toc_html`: a loop over `page.toc`. A site that still has it
    /// (a copy in `layouts/`) must get the same pages as the default theme's `{{{page.toc_html}}}`.
    static let loopingTOC = """
        {{#page.has_toc}}
        <aside class="pb-toc" aria-labelledby="pb-toc-title">
        <h2 id="pb-toc-title">On this page</h2>
        <ul>
        {{#page.toc}}
        <li><a href="#{{id}}">{{text}}</a>
        {{#has_children}}
        <ul>
        {{#children}}
        <li><a href="#{{id}}">{{text}}</a></li>
        {{/children}}
        </ul>
        {{/has_children}}
        </li>
        {{/page.toc}}
        </ul>
        </aside>
        {{/page.has_toc}}

        """

    func testTableOfContentsHTMLIsWhatLoopingOverTheEntriesRenders() throws {
        var generator = SystemRandomNumberGenerator()
        let words = ["Plan", "a & b", "<x>", "\"quoted\"", "it's", "é", "😀", "`code`", "*em*", "Plan"]
        var files: [String: String] = [:]
        for page in 0..<40 {
            // Any order of levels: h3s before the first h2, h4s (not listed), repeated titles (ids -1, -2).
            let headings = (0..<Int.random(in: 0...9, using: &generator)).map { _ in
                String(repeating: "#", count: Int.random(in: 1...4, using: &generator)) + " "
                    + (0..<Int.random(in: 1...3, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
            }
            files["content/p\(page).md"] = headings.map { $0 + "\n\nText.\n" }.joined(separator: "\n")
        }
        files["content/fixed.md"] = "## One\n\n### Under one\n\n### Also under\n\n## Two\n\n#### Not listed\n"
        let plain = try TempSite(files)
        let looping = try TempSite(files.merging(["layouts/toc.mustache": Self.loopingTOC]) { a, _ in a })
        XCTAssertTrue(plain.build().succeeded)
        XCTAssertTrue(looping.build().succeeded)
        let (a, b) = (snapshot(of: plain.output), snapshot(of: looping.output))
        XCTAssertEqual(a.keys.sorted(), b.keys.sorted())
        for (path, data) in a {
            XCTAssertEqual(String(decoding: data, as: UTF8.self), String(decoding: b[path] ?? Data(), as: UTF8.self), path)
        }
        let fixed = try XCTUnwrap(plain.read("public/fixed.html"))
        XCTAssertTrue(
            fixed.contains(
                "<ul>\n<li><a href=\"#one\">One</a>\n<ul>\n<li><a href=\"#under-one\">Under one</a></li>\n"
                    + "<li><a href=\"#also-under\">Also under</a></li>\n</ul>\n</li>\n<li><a href=\"#two\">Two</a>\n</li>\n</ul>\n</aside>"),
            fixed)
    }

    /// The head, header and footer are rendered once per folder, from `site`, `root` and the links
    /// only: each page gets its own folder's, the 404 page with `base_url` gets absolute ones, and a
    /// piece that asks for a page's values is told it cannot have them.
    func testHeadHeaderAndFooterAreRenderedPerFolderFromTheLinksOnly() throws {
        var files: [String: String] = [
            "playbook.yml": "title: Team & <Co>\nauthor: Me\nbase_url: https://example.org/pb\n",
            "content/_index.md": "---\ntitle: Home\n---\nHi.\n",
        ]
        for folder in ["", "a/", "a/b/", "c/"] { files["content/\(folder)p.md"] = "---\ntitle: P \(folder)\ntags: [x]\n---\nText.\n" }
        for folder in ["a", "a/b", "c"] { files["content/\(folder)/_index.md"] = "---\ntitle: S \(folder)\n---\n" }
        let site = try TempSite(files)
        XCTAssertTrue(site.build().succeeded)
        for (path, root) in [("p.html", ""), ("a/p.html", "../"), ("a/b/p.html", "../../"), ("c/p.html", "../"), ("a/b/index.html", "../../")] {
            let page = try XCTUnwrap(site.read("public/" + path), path)
            let head =
                "<link rel=\"stylesheet\" href=\"\(root)assets/playbook.css\">\n<script src=\"\(root)assets/playbook.js\" defer></script>\n</head>"
            XCTAssertTrue(page.contains(head), page)
            XCTAssertTrue(page.contains("<a class=\"pb-brand\" href=\"\(root)index.html\">Team &amp; &lt;Co&gt;</a>\n<div class=\"pb-search\""), page)
            XCTAssertTrue(page.contains("data-pb-index=\"\(root)search-index.js\" data-pb-root=\"\(root)\">"), page)
            XCTAssertTrue(
                page.contains(
                    "<footer class=\"pb-footer\">\n<p>Team &amp; &lt;Co&gt; · Me · <a href=\"\(root)playbook.html\" download>Download as one file</a> · <a href=\"\(root)tags/index.html\">Tags</a> · built with Playbook</p>\n</footer>\n</body>"
                ), page)
        }
        let missing = try XCTUnwrap(site.read("public/404.html"))
        XCTAssertTrue(missing.contains("<link rel=\"stylesheet\" href=\"https://example.org/pb/assets/playbook.css\">"), missing)
        XCTAssertTrue(missing.contains("data-pb-root=\"https://example.org/pb/\">"), missing)
        XCTAssertTrue(missing.contains("<a class=\"pb-brand\" href=\"index.html\">"), missing)

        // A site's own pieces: shown on every page with that page's folder's links; a page's values are
        // out of their reach, and the build says so.
        files["layouts/footer.mustache"] = "<footer>{{root}}|{{home_url}}|{{site.title}}|{{page.title}}|{{path}}</footer>\n"
        let own = try TempSite(files)
        let result = own.build()
        XCTAssertTrue(result.succeeded)
        XCTAssertEqual(
            result.diagnostics.map(\.description).filter { $0.contains("footer") }.sorted(),
            [
                "layouts/footer.mustache: warning: footer (or a partial it uses) refers to 'page', which no page model has (a typo?)",
                "layouts/footer.mustache: warning: footer (or a partial it uses) refers to 'path', which no page model has (a typo?)",
            ])
        for (path, root) in [("p.html", ""), ("a/b/p.html", "../../"), ("c/index.html", "../")] {
            let page = try XCTUnwrap(own.read("public/" + path))
            XCTAssertTrue(page.contains("<footer>\(root)|\(root)index.html|Team &amp; &lt;Co&gt;||</footer>\n</body>"), page)
        }
    }

    /// The loops the guide's themes page gives for `pager`, `breadcrumbs`, `page-meta` and `cards`, put in `layouts/`,
    /// must give every page the same bytes as the default theme's pieces written in Swift (`PageChrome`).
    func testPagerBreadcrumbsMetaAndCardsHTMLAreWhatTheGuidesLoopsRender() throws {
        let readme = try String(contentsOf: repositoryRoot().appendingPathComponent("docs/content/themes.md"), encoding: .utf8)
        var loops: [String: String] = [:]
        for name in ["pager", "breadcrumbs", "page-meta", "cards"] {
            let start = try XCTUnwrap(
                readme.range(of: "```mustache\n{{! layouts/\(name).mustache }}\n"), "docs/content/themes.md lacks the \(name) loop")
            let end = try XCTUnwrap(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
            loops["layouts/\(name).mustache"] = String(readme[start.upperBound..<end.lowerBound])
        }
        var generator = SystemRandomNumberGenerator()
        let words = ["Plan", "a & b", "<x>", "\"quoted\"", "it's", "é", "😀"]
        /// A random title, quoted for YAML (a bare `a & b` or `"quoted" x` would not parse).
        func title() -> String {
            let text = (0..<Int.random(in: 1...3, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
            return "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        // Sections three deep, pages with and without dates and tags (tags needing escaping too).
        var files: [String: String] = ["content/_index.md": "---\ntitle: Home & more\n---\nHi.\n"]
        for page in 0..<30 {
            let folder = ["", "a/", "a/b/", "a/b/c/", "d/"][page % 5]
            var matter = "title: \(title())\n"
            if page % 3 == 0 { matter += "date: 2026-0\(1 + page % 9)-1\(page % 10)\n" }
            if page % 4 != 1 {
                matter +=
                    "tags: [\(["x", "a & b", "<t>", "it's"].shuffled(using: &generator).prefix(page % 3 + 1).map { "\"\($0)\"" }.joined(separator: ", "))]\n"
            }
            // Summaries from front matter (escaped), from the first paragraph, and none.
            if page % 6 == 2 { matter += "summary: \(title())\n" }
            files["content/\(folder)p\(page).md"] = "---\n\(matter)---\n" + (page % 7 == 3 ? "" : "Text \(page) & more.\n")
        }
        for folder in ["a", "a/b", "a/b/c", "d", "e"] { files["content/\(folder)/_index.md"] = "---\ntitle: \(title())\n---\n" }
        // A section with sub-sections and no pages of its own (no list on its page).
        files["content/e/f/only.md"] = "---\ntitle: Only\ntags: [x]\n---\nAlone.\n"
        files["content/blocks.md"] = "# Blocks\n\n```risks\nitems:\n  - risk: Outage\n    likelihood: 3\n    impact: 5\n    owner: Me\n```\n"
        let written = try TempSite(files)
        let looping = try TempSite(files.merging(loops) { a, _ in a })
        for site in [written, looping] {
            let result = site.build()
            XCTAssertTrue(result.succeeded, "\(result.diagnostics)")
        }
        let (a, b) = (snapshot(of: written.output), snapshot(of: looping.output))
        XCTAssertEqual(a.keys.sorted(), b.keys.sorted())
        XCTAssertGreaterThan(a.keys.filter { $0.hasSuffix(".html") }.count, 40)
        for (path, data) in a where path.hasSuffix(".html") {
            XCTAssertEqual(String(decoding: data, as: UTF8.self), String(decoding: b[path] ?? Data(), as: UTF8.self), path)
        }
        // What the pieces hold, on one page: the trail, both neighbours, the date and escaped tags.
        let page = try XCTUnwrap(written.read("public/a/b/p12.html") ?? written.read("public/a/b/p2.html"))
        XCTAssertTrue(
            page.contains(
                "<nav class=\"pb-breadcrumbs\" aria-label=\"Breadcrumb\">\n<ol>\n<li><a href=\"../../index.html\">Home &amp; more</a></li>\n"), page)
        XCTAssertTrue(page.contains("<a class=\"pb-prev\" rel=\"prev\" href=\""), page)
        XCTAssertTrue(page.contains("<a class=\"pb-next\" rel=\"next\" href=\""), page)
        let dated = try XCTUnwrap(written.read("public/p0.html"))
        XCTAssertTrue(dated.contains("<p class=\"pb-meta\"><time datetime=\"2026-01-10\">2026-01-10</time></p>\n<ul class=\"pb-tags\">\n"), dated)
        // The lists of pages: on a section, the home page (each section's pages) and a tag's page.
        let section = try XCTUnwrap(written.read("public/a/index.html"))
        XCTAssertTrue(section.contains("<ul class=\"pb-cards\">\n<li><a href=\""), section)
        XCTAssertTrue(section.contains("<li><a href=\"p1.html\">"), section)
        XCTAssertTrue(section.contains("<p>Text 1 &amp; more.</p></li>\n"), section)
        XCTAssertFalse(try XCTUnwrap(written.read("public/e/index.html")).contains("<ul class=\"pb-cards\">\n<li>"))
        let home = try XCTUnwrap(written.read("public/index.html"))
        XCTAssertTrue(home.contains("<li><a href=\"d/p9.html\">") && home.contains("<p>Text 9 &amp; more.</p></li>\n"), home)
        XCTAssertTrue(try XCTUnwrap(written.read("public/tags/x.html")).contains("<li><a href=\"../e/f/only.html\">Only</a><p>Alone.</p></li>"))
        let notFound = try XCTUnwrap(written.read("public/404.html"))
        XCTAssertFalse(notFound.contains("pb-breadcrumbs"))
        XCTAssertTrue(notFound.contains("<nav class=\"pb-pager\" aria-label=\"Previous and next page\">\n</nav>"))
    }

    func testBuiltInThemeNeedsNoCycleWalk() {
        // Its sidebar includes itself, inside a section: the text scan rules that out, so no build
        // pays for walking the parsed templates.
        var sources: [String: String] = [:]
        for (path, text) in DefaultTheme.files where path.hasPrefix("templates/") && path.hasSuffix(".mustache") {
            sources[String(path.dropFirst("templates/".count).dropLast(".mustache".count))] = text
        }
        XCTAssertGreaterThan(sources.count, 10)
        XCTAssertFalse(PartialCycles.mayHaveCycles(sources))
    }

    func testATemplateMentionsTheNamesItsTextHolds() {
        XCTAssertTrue(ByteSearch.contains("{{> dashboard-kpis}}", "dashboard-kpis"))
        XCTAssertTrue(ByteSearch.contains("é {{>kpis}}", "kpis"))
        XCTAssertFalse(ByteSearch.contains("{{> dashboard-kpi}}", "dashboard-kpis"))
        XCTAssertFalse(ByteSearch.contains("", "x"))
        XCTAssertTrue(ByteSearch.contains("x", ""))
        XCTAssertTrue(ByteSearch.contains("aab", "ab") && ByteSearch.contains("ab", "ab"))
        XCTAssertFalse(ByteSearch.contains("a", "ab") || ByteSearch.contains("aba", "abb"))
        // Against Foundation's answer, over short texts of few letters (ASCII, so bytes are characters).
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in "ab{".randomElement(using: &generator)! })
            let name = String((0..<Int.random(in: 1...4, using: &generator)).map { _ in "ab{".randomElement(using: &generator)! })
            XCTAssertEqual(ByteSearch.contains(text, name), text.contains(name), "\(text) \(name)")
        }
        let sources = ["page": "{{> a}}", "a": "{{> b}} é", "b": "", "c": "{{> page}}"]
        XCTAssertEqual(DeferredTemplates.closure(of: "page", in: sources), ["page", "a", "b"])
    }

    func testTheTemplatesFewBuildsUseAreParsedOnlyWhenOneIsRendered() throws {
        var builtIn: [String: String] = [:]
        for (path, text) in DefaultTheme.files where path.hasPrefix("templates/") && path.hasSuffix(".mustache") {
            builtIn[String(path.dropFirst("templates/".count).dropLast(".mustache".count))] = text
        }
        XCTAssertEqual(ThemeLoader.deferred(builtIn), Set(ThemeLoader.deferrable))
        for name in ThemeLoader.deferrable {
            XCTAssertNoThrow(try MustacheTemplate(string: builtIn[name]!), name)
            // Nothing parsed up front includes a deferred template (it would render as nothing).
            for (other, text) in builtIn where !ThemeLoader.deferrable.contains(other) {
                for sigil in ["{{>", "{{> ", "{{<", "{{< "] {
                    XCTAssertFalse(text.contains(sigil + name), "\(other) includes \(name)")
                }
            }
        }
        // Each is parsed when it is rendered, with those it names: a build (dashboard, export) parses
        // no report template.
        let deferred = DeferredTemplates(sources: builtIn.filter { ThemeLoader.deferrable.contains($0.key) }, joining: MustacheLibrary())
        XCTAssertEqual(deferred.parsedNames, [])
        XCTAssertNotNil(deferred.library(for: "dashboard").getTemplate(named: "dashboard-body"))
        let dashboard = Set(["dashboard", "dashboard-body", "export"] + ThemeLoader.dashboardSections)
        XCTAssertEqual(deferred.parsedNames, dashboard)
        XCTAssertNotNil(deferred.library(for: "export").getTemplate(named: "export"))
        XCTAssertEqual(deferred.parsedNames, dashboard)
        let reports = deferred.library(for: "report.txt")
        XCTAssertNotNil(reports.getTemplate(named: "report.txt"))
        XCTAssertNotNil(reports.getTemplate(named: "export"), "templates parsed earlier stay in the library")
        XCTAssertFalse(deferred.parsedNames.contains("report.md"))
        // A site's own template that names one, or a changed copy, makes it parsed up front.
        var own = builtIn
        own["home"] = "{{<base}}{{$content}}{{#dashboard}}{{>dashboard-body}}{{/dashboard}}{{/content}}{{/base}}"
        own["report.txt"] = "My own summary: {{title}}"
        // (Any mention counts: `home` names "dashboard" as well as "dashboard-body"; and in what is then
        // parsed up front too: `dashboard-body` names the export.)
        XCTAssertEqual(ThemeLoader.deferred(own), ["report", "report.md"])
        // A changed copy of the default `home` names "dashboard" (`{{#dashboard_url}}`) but not its body:
        // `dashboard` is then parsed up front, and `dashboard-body`, which it includes, with it.
        var copied = builtIn
        copied["home"] = builtIn["home"]!.replacingOccurrences(of: "<h1>", with: "<h1 class=\"mine\">")
        XCTAssertNotEqual(copied["home"], builtIn["home"])
        XCTAssertEqual(ThemeLoader.deferred(copied), ["report", "report.md", "report.txt"])
        // The example playbook's themes/default is the built-in copy: it defers them too, and its
        // dashboard and export still render (the golden tests compare every byte).
        let (theme, problems) = ThemeLoader(root: repositoryRoot(), config: SiteConfig()).load()
        XCTAssertEqual(problems.map(\.description), [])
        XCTAssertEqual(theme?.deferred?.covers("dashboard"), true)
        XCTAssertEqual(theme?.deferred?.covers("page"), false)
        XCTAssertTrue(theme?.has("report") ?? false)
    }

    func testTheDashboardOfASiteWithAChangedHomeStillHasItsBody() throws {
        // A changed copy of the default home (in layouts/) names the dashboard: the dashboard page must
        // still find dashboard-body, which it includes, and show the KPIs.
        let home = try "<!-- mine -->\n" + XCTUnwrap(DefaultTheme.files["templates/home.mustache"])
        let site = try TempSite([
            "content/index.md": "# Home\n\n```kpi\n- name: Latency\n  target: < 200ms\n  actual: 150ms\n```\n",
            "layouts/home.mustache": home,
        ])
        let result = site.build()
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        XCTAssertTrue(site.read("public/index.html")?.hasPrefix("<!-- mine -->") ?? false)
        let dashboard = try XCTUnwrap(site.read("public/dashboard.html"))
        XCTAssertTrue(dashboard.contains("pb-dash-kpis"), dashboard)
        XCTAssertTrue(dashboard.contains("Latency"), dashboard)
    }

    func testExamplePlaybookBuildsWithoutWarnings() throws {
        let result = SiteBuild(options: BuildOptions(root: repositoryRoot())).plan()
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        XCTAssertGreaterThan(result.pageCount, 10)
        let html = result.files.filter { $0.path.hasSuffix(".html") }.map { String(decoding: $0.data, as: UTF8.self) }.joined()
        for kind in ["pb-kpi", "pb-checklist", "pb-risks", "pb-priorities", "pb-cadence", "pb-script", "pb-phrases"] {
            XCTAssertTrue(html.contains("class=\"pb-block \(kind)\""), "the example playbook shows a \(kind) block")
        }
        XCTAssertTrue(result.files.contains { $0.path == "influence/communication-cadence.ics" })
    }
}
