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
        XCTAssertEqual(html("one ~tilde~\n"), "<p>one ~tilde~</p>\n")
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
