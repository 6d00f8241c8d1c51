import XCTest

@testable import PlaybookCore

/// Wikilinks in a site: found by path, by name (the linking page's folder first, else the one nearest
/// the root, with a warning naming both) and by alias; headings by their text; a wikilink to nothing
/// is a broken link at its line; incremental builds follow aliases.
final class WikilinkSiteTests: XCTestCase {
    func vault() throws -> TempSite {
        let site = try TempSite([
            "playbook.yml": "title: Vault\n",
            "content/_index.md": "# Vault\n\nStart at [[Weekly review]] or [[weekly review#Open questions|the questions]].\n",
            "content/notes/Weekly review.md":
                "---\naliases: [Weekly, Review notes]\n---\n# Weekly review\n\n## Open questions\n\nSee [[notes/Plan]] and ![[diagram.png|300]].\n",
            "content/notes/Plan.md": "# Plan\n\nBack to [[Review notes]] and [[#Steps]].\n\n## Steps\n\nOne [[Plan]]. ^step-one\n",
            "content/notes/Links.md": "# Links\n\nTo [[notes/Plan#^step-one|the first step]] and [[notes/Plan#^nope]].\n",
            "content/archive/Plan.md": "# Old plan\n\nSee [[Plan]].\n",
            "content/other.md": "# Other\n\n[[Missing note]]\n\n[[Planning]] and [[Plan#Nope]]\n",
        ])
        try site.write("content/images/diagram.png", data: Data([0x89, 0x50, 0x4E, 0x47]))
        return site
    }

    func testWikilinksResolveByPathNameAndAlias() throws {
        let site = try vault()
        let result = site.build()
        XCTAssertEqual(
            result.diagnostics.map(\.description).sorted(),
            [
                "content/archive/Plan.md:3: warning: wikilink '[[Plan]]' could be content/archive/Plan.md or content/notes/Plan.md; it links to content/archive/Plan.md",
                "content/notes/Links.md:3: warning: link '/notes/Plan.md#^nope' points at a heading '#^nope' that does not exist",
                "content/notes/Plan.md:7: warning: wikilink '[[Plan]]' could be content/notes/Plan.md or content/archive/Plan.md; it links to content/notes/Plan.md",
                "content/other.md:3: warning: link to missing page 'Missing note.md' (looked for content/Missing note.md)",
                "content/other.md:5: warning: link '/archive/Plan.md#nope' points at a heading '#nope' that does not exist",
                "content/other.md:5: warning: link to missing page 'Planning.md' (looked for content/Planning.md)",
                "content/other.md:5: warning: wikilink '[[Plan]]' could be content/archive/Plan.md or content/notes/Plan.md; it links to content/archive/Plan.md",
            ])
        let home = try XCTUnwrap(site.read("public/index.html"))
        XCTAssertTrue(home.contains(#"<a href="notes/weekly-review.html">Weekly review</a>"#), home)
        XCTAssertTrue(home.contains(#"<a href="notes/weekly-review.html#open-questions">the questions</a>"#))
        let review = try XCTUnwrap(site.read("public/notes/weekly-review.html"))
        XCTAssertTrue(review.contains(#"<a href="plan.html">notes/Plan</a>"#), "by its path")
        XCTAssertTrue(review.contains(#"<img src="../images/diagram.png" alt="" width="300" />"#), "an embedded image")
        let plan = try XCTUnwrap(site.read("public/notes/plan.html"))
        XCTAssertTrue(plan.contains(#"<a href="weekly-review.html">Review notes</a>"#), "by an alias")
        XCTAssertTrue(plan.contains(##"<a href="#steps">Steps</a>"##), "a heading of the page itself")
        XCTAssertTrue(plan.contains(#"One <a href="">Plan</a>"#), "a link to the page itself")
        XCTAssertTrue(plan.contains(##"<p><span id="^step-one"></span>One"##), "a block id")
        let links = try XCTUnwrap(site.read("public/notes/links.html"))
        XCTAssertTrue(links.contains(##"<a href="plan.html#%5Estep-one">the first step</a>"##), links)
        let export = try XCTUnwrap(site.read("public/playbook.html"))
        XCTAssertTrue(export.contains(##"id="p"##) && export.contains("-^step-one\"></span>One"), "the block's anchor in the export")
        XCTAssertTrue(export.range(of: ##"href="#p[0-9]+-%5Estep-one""##, options: .regularExpression) != nil, "and the link to it")
        XCTAssertTrue(export.contains("data:image/png;base64,"), "the embed is inlined in the export")
    }

    func testAnAliasAddedLaterIsFollowedByAnIncrementalBuild() throws {
        let site = try vault()
        var options = BuildOptions(root: site.root)
        options.useCache = true
        XCTAssertTrue(site.build(options: options).succeeded)
        XCTAssertTrue(site.read("public/other.html")?.contains(#"href="Planning.md""#) ?? false)
        try site.write(
            "content/notes/Plan.md", "---\naliases: Planning\n---\n# Plan\n\nBack to [[Review notes]] and [[#Steps]].\n\n## Steps\n\nOne [[Plan]].\n")
        let result = site.build(options: options)
        XCTAssertFalse(result.diagnostics.contains { $0.message.contains("Planning") }, "\(result.diagnostics)")
        XCTAssertTrue(site.read("public/other.html")?.contains(#"<a href="notes/plan.html">Planning</a>"#) ?? false)
        let clean = site.root.appendingPathComponent("clean")
        XCTAssertTrue(site.build(options: BuildOptions(root: site.root, output: clean)).succeeded)
        XCTAssertEqual(snapshot(of: clean), snapshot(of: site.output))
    }

    /// Notes shown in pages: their links work from the page, their warnings are theirs, cycles are
    /// warnings at the embed, and a change to a shown note reaches the page in an incremental build.
    func embeds() throws -> TempSite {
        let site = try TempSite([
            "playbook.yml": "title: Vault\n",
            "content/_index.md": "# Vault\n\nThe week:\n\n![[Weekly]]\n\nAnd ![[Plan#Steps]] then.\n",
            "content/notes/Weekly.md": "# Weekly\n\nSee [the plan](Plan.md), [[Plan#Steps]] and ![[shot.png]].\n\n- [ ] a task\n\n[gone](gone.md)\n",
            "content/notes/Plan.md": "# Plan\n\n## Steps\n\nStep one.\n\n## Later\n\nNot shown.\n",
            "content/loop/A.md": "# A\n\n![[B]]\n",
            "content/loop/B.md": "# B\n\n![[A]]\n",
        ])
        try site.write("content/notes/shot.png", data: Data([0x89, 0x50, 0x4E, 0x47]))
        return site
    }

    func testAnEmbeddedNoteIsShownWithWorkingLinks() throws {
        let site = try embeds()
        let result = site.build()
        XCTAssertEqual(
            result.diagnostics.map(\.description).sorted(),
            [
                "content/loop/A.md:3: warning: embed cycle (content/loop/A.md → content/loop/B.md → content/loop/A.md): shown as a link",
                "content/loop/B.md:3: warning: embed cycle (content/loop/B.md → content/loop/A.md → content/loop/B.md): shown as a link",
                "content/notes/Weekly.md:7: warning: link to missing page 'gone.md' (looked for content/notes/gone.md)",
            ])
        let home = try XCTUnwrap(site.read("public/index.html"))
        XCTAssertTrue(home.contains(#"<div class="pb-embed-source">"# + "\n" + #"<p><a href="notes/weekly.html">Weekly</a></p>"#), home)
        XCTAssertTrue(home.contains(#"See <a href="notes/plan.html">the plan</a>, <a href="notes/plan.html#steps">Plan &gt; Steps</a>"#), home)
        XCTAssertTrue(home.contains(#"<img src="notes/shot.png" alt="" />"#), home)
        XCTAssertTrue(home.contains("<li>[ ] a task</li>"), "the note's tasks are ticked on its page")
        XCTAssertTrue(home.contains("Step one.") && !home.contains("Not shown."), home)
        XCTAssertTrue(home.contains("<p>And</p>") && home.contains("<p>then.</p>"), home)
        // The page links to the notes it shows (and lists among their backlinks), not to what they link to.
        let plan = try XCTUnwrap(site.read("public/notes/plan.html"))
        XCTAssertTrue(plan.contains("Linked from"), plan)
        XCTAssertTrue(plan.contains(#"<a href="../index.html">Vault</a>"#), plan)
        let export = try XCTUnwrap(site.read("public/playbook.html"))
        XCTAssertTrue(export.contains("Step one."), "shown in the export too")
    }

    func testAChangedNoteReachesThePagesShowingIt() throws {
        let site = try embeds()
        var options = BuildOptions(root: site.root)
        options.useCache = true
        XCTAssertTrue(site.build(options: options).succeeded)
        try site.write("content/notes/Plan.md", "# Plan\n\n## Steps\n\nStep one, revised.\n")
        XCTAssertTrue(site.build(options: options).succeeded)
        XCTAssertTrue(site.read("public/index.html")?.contains("Step one, revised.") ?? false)
        let clean = site.root.appendingPathComponent("clean")
        XCTAssertTrue(site.build(options: BuildOptions(root: site.root, output: clean)).succeeded)
        XCTAssertEqual(snapshot(of: clean), snapshot(of: site.output))
    }

    /// `#tags` in the text list the page on their tag pages; the description keeps no Markdown markers.
    func testInlineTagsAndPlainDescriptions() throws {
        let site = try TempSite([
            "playbook.yml": "title: Vault\n",
            "content/_index.md": "# Vault\n\nHome.\n",
            "content/notes/retro.md": "---\ntags: [Team]\n---\n# Retro\n\nWas ~~late~~ on ==time== %%private%% for #q3 and #team.\n",
        ])
        XCTAssertTrue(site.build().succeeded)
        let tag = try XCTUnwrap(site.read("public/tags/q3.html"))
        XCTAssertTrue(tag.contains(#"href="../notes/retro.html""#), tag)
        let retro = try XCTUnwrap(site.read("public/notes/retro.html"))
        XCTAssertTrue(retro.contains(#"<meta name="description" content="Was late on time for #q3 and #team.">"#), retro)
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("tags/team-1.html").path))
    }
}
