import PlaybookMarkdown
import XCTest

/// Obsidian's `%%comments%%`, `==highlights==` and inline `#tags`; none of their markers reach a page's
/// summary or text.
final class ObsidianMarksTests: XCTestCase {
    func render(_ markdown: String) -> RenderedMarkdown { MarkdownRenderer().render(markdown) }

    func testCommentsAreLeftOutOfThePageItsTextAndSummary() {
        let inline = render("Visible %%hidden [[Note]] *x*%% text.\n")
        XCTAssertEqual(inline.html, "<p>Visible  text.</p>\n")
        XCTAssertFalse(inline.plainText.contains("hidden"))
        XCTAssertEqual(inline.firstParagraph, "Visible text.")
        XCTAssertTrue(inline.links.isEmpty, "a link inside a comment is no link")
        XCTAssertEqual(render("%%\nOne paragraph\nof comment\n%%\n\nAfter.\n").html, "<p>After.</p>\n")
        let block = render("Before.\n\n%%\nA block comment\n\n## With a heading\n\n- and a list\n%%\n\nAfter.\n")
        XCTAssertEqual(block.html, "<p>Before.</p>\n<p>After.</p>\n")
        XCTAssertTrue(block.headings.isEmpty)
        XCTAssertEqual(render("`%%code%%` and %%gone%%\n").html, "<p><code>%%code%%</code> and </p>\n")
        XCTAssertEqual(render("100%% done\n").html, "<p>100%% done</p>\n", "an unpaired marker is text")
    }

    func testHighlightsAreMarks() {
        XCTAssertEqual(render("A ==key *point*== here.\n").html, "<p>A <mark>key <em>point</em></mark> here.</p>\n")
        XCTAssertEqual(render("a == b == c\n").html, "<p>a == b == c</p>\n", "spaces inside the markers: no mark")
        XCTAssertEqual(render("`==x==` ==y==\n").html, "<p><code>==x==</code> <mark>y</mark></p>\n")
        XCTAssertEqual(render("==[[Note]]==\n").html, #"<p><mark><a href="Note.md">Note</a></mark></p>"# + "\n")
    }

    func testInlineTagsJoinThePagesTags() {
        let page = render(
            "Plan for #q3 and #team/backend, (#review) [#ideas]\n#start of a line, #2024 #v2 C# page#x `#code` [#link](x.md) #end/ #été\n")
        XCTAssertEqual(page.tags, ["q3", "team/backend", "review", "ideas", "start", "v2", "end", "été"])
        XCTAssertTrue(
            page.html.hasPrefix(#"<p>Plan for <span class="pb-tag">#q3</span> and <span class="pb-tag">#team/backend</span>, ("#), page.html)
        XCTAssertTrue(page.html.contains("#2024 <span class=\"pb-tag\">#v2</span> C# page#x <code>#code</code>"), page.html)
        XCTAssertTrue(page.html.contains(#"<span class="pb-tag">#end</span>/"#), page.html)
        XCTAssertTrue(page.plainText.contains("Plan for #q3 and"), "tags stay in the text that search reads")
        XCTAssertEqual(render("# Heading\n\n## Sub #\n\n```\n#include x\n```\n").tags, [])
    }

    func testNoMarkerReachesTheSummaryOrText() {
        let page = render("Was ~~old~~ and ~one~, ==marked== %%not this%% now.\n")
        XCTAssertEqual(page.firstParagraph, "Was old and one, marked now.")
        XCTAssertFalse(page.plainText.contains("~") || page.plainText.contains("==") || page.plainText.contains("%%"), page.plainText)
    }
}
