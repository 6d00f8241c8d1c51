import PlaybookMarkdown
import XCTest

/// Obsidian's `%%comments%%` and `==highlights==`.
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
}
