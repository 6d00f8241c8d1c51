import PlaybookMarkdown
import XCTest

/// GFM strikethrough (`~~text~~`), in pages and in one-line fields.
final class StrikethroughTests: XCTestCase {
    let renderer = MarkdownRenderer()

    func html(_ markdown: String) -> String { renderer.render(markdown).html }

    func testDoubleTildesStrikeThrough() {
        XCTAssertEqual(html("Hi ~~there~~ you\n"), "<p>Hi <del>there</del> you</p>\n")
        XCTAssertEqual(html("~~a~~ and ~~b~~\n"), "<p><del>a</del> and <del>b</del></p>\n")
    }

    func testMarkupInsideIsKept() {
        XCTAssertEqual(html("~~old *plan* [link](x.md)~~\n"), "<p><del>old <em>plan</em> <a href=\"x.md\">link</a></del></p>\n")
    }

    func testTildesThatDoNotFlankStayText() {
        XCTAssertEqual(html("a ~~ b ~~ c\n"), "<p>a ~~ b ~~ c</p>\n")
        XCTAssertEqual(html("~~unclosed\n"), "<p>~~unclosed</p>\n")
    }

    /// cmark-gfm's extension tests: one or two tildes strike, three or more are text, a pair is of one
    /// length, and a strike does not cross a paragraph.
    func testOneOrTwoTildesAsGitHubDoes() {
        XCTAssertEqual(html("~~Hi~~ Hello, ~there~ world!\n"), "<p><del>Hi</del> Hello, <del>there</del> world!</p>\n")
        XCTAssertEqual(html("This will ~~~not~~~ strike.\n"), "<p>This will ~~~not~~~ strike.</p>\n")
        XCTAssertEqual(html("a ~~~~~one~~~~~ b\n"), "<p>a ~~~~~one~~~~~ b</p>\n")
        XCTAssertEqual(html("This ~~has a\n\nnew paragraph~~.\n"), "<p>This ~~has a</p>\n<p>new paragraph~~.</p>\n")
        XCTAssertEqual(html("~~a~ and ~b~~\n"), "<p>~~a~ and ~b~~</p>\n", "a run closes only one of its own length")
        XCTAssertEqual(html("~~a ~b~ c~~\n"), "<p><del>a <del>b</del> c</del></p>\n")
        XCTAssertEqual(html("a~~b~~c\n"), "<p>a<del>b</del>c</p>\n")
        XCTAssertEqual(html("~~two\nlines~~\n"), "<p><del>two\nlines</del></p>\n")
        XCTAssertEqual(html("~~*x*~~ and ~(~y~)~\n"), "<p><del><em>x</em></del> and <del>(<del>y</del>)</del></p>\n")
    }

    func testCodeKeepsItsTildes() {
        XCTAssertEqual(html("`~~code~~` and ~~gone~~\n"), "<p><code>~~code~~</code> and <del>gone</del></p>\n")
        XCTAssertEqual(html("```\n~~x~~\n```\n"), "<pre><code>~~x~~\n</code></pre>\n")
    }

    func testHeadingsListsAndFields() {
        XCTAssertTrue(html("## Was ~~draft~~\n").contains("Was <del>draft</del></h2>"))
        XCTAssertEqual(html("- ~~done~~ item\n"), "<ul>\n<li><del>done</del> item</li>\n</ul>\n")
        XCTAssertEqual(renderer.renderInline("~~retired~~ KPI"), "<del>retired</del> KPI")
    }
}
