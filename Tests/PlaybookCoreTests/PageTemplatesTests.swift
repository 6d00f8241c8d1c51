import Foundation
import XCTest

@testable import PlaybookCore

/// `playbook new`: placeholders, the template's folder, the site's own templates before the built-in
/// ones, never overwriting, and unknown kinds.
final class PageTemplatesTests: XCTestCase {
    let day = Day("2026-12-08")!

    func testBuiltInTemplatesMakePagesThatBuild() throws {
        let site = try TempSite(["playbook.yml": "title: T\n", "content/_index.md": "# Home\n"])
        let templates = PageTemplates(root: site.root)
        XCTAssertEqual(templates.kinds(), ["decision", "evidence", "one-on-one", "weekly-status"])
        XCTAssertEqual(
            try templates.create(kind: "one-on-one", title: #"1:1 with "Dana""#, date: day), "content/journal/2026/2026-12-08-1-1-with-dana.md")
        XCTAssertEqual(try templates.create(kind: "decision", title: nil, date: day), "content/decisions/2026-12-08-decision-2026-12-08.md")
        XCTAssertEqual(try templates.create(kind: "evidence", title: "Cut: latency", date: day), "content/evidence/2026-12-08-cut-latency.md")
        let page = try XCTUnwrap(site.read("content/journal/2026/2026-12-08-1-1-with-dana.md"))
        XCTAssertTrue(page.hasPrefix("---\ntitle: \"1:1 with \\\"Dana\\\"\"\ndate: 2026-12-08\ntype: one-on-one\n"), page)
        XCTAssertFalse(page.contains("folder:"), "the folder is the template's, not the page's")
        var options = BuildOptions(root: site.root)
        options.buildDate = day
        let result = SiteBuild(options: options).run()
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        XCTAssertTrue(site.read("public/journal/2026/2026-12-08-1-1-with-dana.html")?.contains("<h1>1:1 with &quot;Dana&quot;</h1>") ?? false)
        XCTAssertTrue(site.read("public/evidence/2026-12-08-cut-latency.html")?.contains("Cut: latency") ?? false)
    }

    func testTheSitesTemplateAndItsPlaceholders() throws {
        let site = try TempSite([
            "templates/retro.md": "---\ntitle: {{title}}\nfolder: content/retros/{{year}}/{{month}}\n---\n# {{title}} ({{slug}}, {{date}})\n"
        ])
        let path = try PageTemplates(root: site.root).create(kind: "retro", title: "Sprint 12", date: day)
        XCTAssertEqual(path, "content/retros/2026/12/2026-12-08-sprint-12.md")
        XCTAssertEqual(site.read(path), "---\ntitle: \"Sprint 12\"\n---\n# Sprint 12 (sprint-12, 2026-12-08)\n")
        XCTAssertTrue(PageTemplates(root: site.root).kinds().contains("retro"))
    }

    func testRefusals() throws {
        let site = try TempSite(["templates/escape.md": "---\nfolder: ../../outside\n---\nx\n"])
        let templates = PageTemplates(root: site.root)
        func refusal(_ kind: String, _ title: String? = "T") -> String {
            do { return try templates.create(kind: kind, title: title, date: day) } catch { return "\(error)" }
        }
        XCTAssertEqual(refusal("decision"), "content/decisions/2026-12-08-t.md")
        XCTAssertEqual(refusal("decision"), "content/decisions/2026-12-08-t.md already exists; nothing was written (give another title or --date)")
        XCTAssertTrue(refusal("desicion").hasPrefix("no template 'desicion'; did you mean 'decision'?"))
        XCTAssertTrue(refusal("../playbook").hasPrefix("a kind is a template's name"))
        XCTAssertTrue(refusal("escape").contains("only files inside content/ and data/ are written"))
        XCTAssertTrue(refusal("decision", "two\nlines").contains("control character"))
    }
}
