import XCTest

@testable import PlaybookMarkdown

/// Notes shown inside a page (`![[Note]]`): the whole note, a section, a block; where its links point;
/// cycles and depth; where an embed can stand.
final class NoteEmbedTests: XCTestCase {
    /// Renders `page` with `notes` (by name) as the vault; every note lives in `/dir/`.
    func render(_ page: String, notes: [String: String], taskList: ((TaskList) -> TaskListMarkup?)? = nil) -> RenderedMarkdown {
        func hooks(for path: String) -> MarkdownHooks {
            MarkdownHooks(
                taskList: taskList,
                resolveWikilink: { link in "/dir/\(link.target).md" + (link.anchor.map { "#" + $0 } ?? "") },
                embedNote: { link in
                    guard let markdown = notes[link.target] else { return nil }
                    return NoteEmbed(
                        markdown: markdown, path: link.target, destination: "/dir/\(link.target).md", folder: "/dir/", title: "The \(link.target)",
                        hooks: hooks(for: link.target))
                }, pagePath: path)
        }
        return MarkdownRenderer().render(page, hooks: hooks(for: "Page"))
    }

    static let note = """
        # Weekly review

        Read [the plan](plan.md), [below](#open-questions), [the site](https://example.org) and [[Other]].

        ## Open questions

        Who owns the pager? ^q1

        - first item ^i1
          - nested
        - second

        ## Done

        Nothing.

        """

    func testTheWholeNoteInABoxThatLinksToIt() {
        let page = render("Intro\n\n![[Weekly]]\n\nAfter\n", notes: ["Weekly": Self.note])
        XCTAssertTrue(
            page.html.contains(
                ##"<p>Intro</p>"## + "\n"
                    + ##"<div class="pb-embed">"## + "\n" + ##"<div class="pb-embed-source">"## + "\n"
                    + ##"<p><a href="/dir/Weekly.md">The Weekly</a></p>"## + "\n" + "</div>\n"
                    + ##"<div class="pb-embed-body">"## + "\n" + "<h1>Weekly review</h1>"), page.html)
        XCTAssertTrue(page.html.hasSuffix("</div>\n</div>\n<p>After</p>\n"), page.html)
        // The note's links, as the page must write them.
        XCTAssertTrue(page.html.contains(##"<a href="/dir/plan.md">the plan</a>"##), page.html)
        XCTAssertTrue(page.html.contains(##"<a href="/dir/Weekly.md#open-questions">below</a>"##), page.html)
        XCTAssertTrue(page.html.contains(##"<a href="https://example.org">the site</a>"##), page.html)
        XCTAssertTrue(page.html.contains(##"<a href="/dir/Other.md">Other</a>"##), page.html)
        // Its headings are the note's: no ids, not in the page's contents; its links are marked.
        XCTAssertTrue(page.html.contains("<h2>Open questions</h2>"), page.html)
        XCTAssertEqual(page.headings, [])
        XCTAssertEqual(page.links.filter { !$0.isInEmbed }.map(\.destination), ["/dir/Weekly.md"])
        XCTAssertEqual(page.links.filter(\.isInEmbed).count, 4)
        XCTAssertEqual(page.problems, [])
    }

    func testASectionOrABlock() {
        let section = render("![[Weekly#Open questions]]\n", notes: ["Weekly": Self.note]).html
        XCTAssertTrue(section.contains("<h2>Open questions</h2>"), section)
        XCTAssertTrue(section.contains("<li>second</li>"), section)
        XCTAssertFalse(section.contains("Weekly review"), section)
        XCTAssertFalse(section.contains("Nothing."), section)
        let block = render("![[Weekly#^q1]]\n", notes: ["Weekly": Self.note]).html
        XCTAssertTrue(block.contains("Who owns the pager?</p>\n</div>\n</div>"), block)
        XCTAssertTrue(block.contains(##"<a href="/dir/Weekly.md#%5Eq1">The Weekly</a>"##), block)
        XCTAssertFalse(block.contains("<h2>"), block)
        XCTAssertFalse(block.contains("pager? ^q1"), block)
        let item = render("![[Weekly#^i1]]\n", notes: ["Weekly": Self.note]).html
        XCTAssertTrue(item.contains("first item"), item)
        XCTAssertTrue(item.contains("<li>nested</li>"), item)
        XCTAssertFalse(item.contains("second"), item)
        // A heading or block the note does not have: a link (which the page's link check reports).
        let missing = render("![[Weekly#Nowhere]]\n", notes: ["Weekly": Self.note]).html
        XCTAssertEqual(missing, ##"<p><a href="/dir/Weekly.md#nowhere">Weekly &gt; Nowhere</a></p>"## + "\n")
    }

    func testAnEmbedInASentenceSplitsItsParagraph() {
        let notes = ["A": "Text of A.\n", "B": "Text of B.\n"]
        let inline = render("Before ![[A]] after.\n", notes: notes).html
        XCTAssertTrue(inline.hasPrefix("<p>Before</p>\n<div class=\"pb-embed\">"), inline)
        XCTAssertTrue(inline.hasSuffix("</div>\n</div>\n<p>after.</p>\n"), inline)
        let twoLines = render("![[A]]\n![[B]]\n", notes: notes).html
        XCTAssertEqual(twoLines.components(separatedBy: "class=\"pb-embed\"").count, 3, twoLines)
        XCTAssertFalse(twoLines.contains("<p></p>"), twoLines)
        XCTAssertFalse(twoLines.contains("<p>\n"), twoLines)
        // In a list item and a quote it is shown; in a table cell or emphasis it stays a link.
        XCTAssertTrue(render("- ![[A]]\n", notes: notes).html.contains("<li>\n<div class=\"pb-embed\">\n"))
        XCTAssertTrue(render("> ![[A]]\n", notes: notes).html.contains("Text of A."))
        let table = render("| x |\n| - |\n| ![[A]] |\n", notes: notes).html
        XCTAssertTrue(table.contains(##"<td><a href="/dir/A.md">A</a></td>"##), table)
        XCTAssertTrue(render("*![[A]]*\n", notes: notes).html.contains(##"<em><a href="/dir/A.md">A</a></em>"##))
    }

    func testCyclesAndDepthStayLinksWithAWarning() {
        let cycle = render("![[A]]\n", notes: ["A": "A shows\n\n![[B]]\n", "B": "B shows\n\n![[Page]]\n", "Page": "me\n"])
        XCTAssertTrue(cycle.html.contains("A shows"), cycle.html)
        XCTAssertTrue(cycle.html.contains("B shows"), cycle.html)
        XCTAssertTrue(cycle.html.contains(##"<a href="/dir/Page.md">The Page</a>"##) == false, cycle.html)
        XCTAssertTrue(cycle.html.contains(##"<a href="/dir/Page.md">Page</a>"##), cycle.html)
        XCTAssertEqual(cycle.problems, [MarkdownProblem(kind: .embed, line: 1, message: "embed cycle (Page → A → B → Page): shown as a link")])
        let itself = render("Text\n\n![[Page]]\n", notes: ["Page": "me\n"])
        XCTAssertEqual(itself.problems.map(\.line), [3])
        var deep: [String: String] = [:]
        for level in 1...6 { deep["N\(level)"] = "level \(level)\n\n![[N\(level + 1)]]\n" }
        let nested = render("![[N1]]\n", notes: deep)
        XCTAssertTrue(nested.html.contains("level 3"), nested.html)
        XCTAssertFalse(nested.html.contains("level 5"), nested.html)
        XCTAssertEqual(nested.problems.map(\.kind), [.embed])
        XCTAssertTrue(nested.problems[0].message.hasPrefix("embeds nested more than 4 deep (Page → N1 → N2 → N3 → N4)"), nested.problems[0].message)
    }

    func testTheNotesTasksAndBlocksAreNotThePages() {
        var asked = 0
        let page = render(
            "- [ ] mine\n\n![[T]]\n", notes: ["T": "- [ ] theirs\n\n```kpi\nx\n```\n"],
            taskList: { _ in
                asked += 1
                return nil
            })
        XCTAssertEqual(asked, 1)
        XCTAssertTrue(page.html.contains("<li>[ ] theirs</li>"), page.html)
        var blocks: [CodeBlock] = []
        _ = MarkdownRenderer().render(
            "```kpi\nmine\n```\n\n![[T]]\n",
            hooks: MarkdownHooks(
                replaceCodeBlock: { block in
                    blocks.append(block)
                    return nil
                },
                embedNote: { _ in
                    NoteEmbed(markdown: "```kpi\ntheirs\n```\n", path: "T", destination: "/T.md", folder: "/", title: "T", hooks: MarkdownHooks())
                }))
        XCTAssertEqual(blocks.map(\.isInEmbed), [false, true])
        XCTAssertEqual(blocks.map(\.line), [1, 5])
    }
}
