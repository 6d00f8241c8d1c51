import XCTest

@testable import PlaybookMarkdown

final class HTMLBuilderTests: XCTestCase {
    /// Escaped pieces are what `htmlAttributeEscaped` gives for each; markup goes in as it is.
    func testPiecesAreEscapedAsValuesAreAndMarkupIsKept() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab <>&\"'é😀\n\t=/")
        for _ in 0..<2_000 {
            let pieces = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            }
            var html = HTMLBuilder(capacity: 8)
            var expected = ""
            for piece in pieces {
                html.append("<b a=\"x\">")
                html.appendEscaped(piece)
                expected += "<b a=\"x\">" + piece.htmlAttributeEscaped
            }
            XCTAssertEqual(html.html, expected)
            XCTAssertEqual(html.isEmpty, pieces.isEmpty)
        }
        var html = HTMLBuilder()
        html.appendEscaped("<a href='x'>\"Q&A\"</a>")
        XCTAssertEqual(html.html, "&lt;a href=&#39;x&#39;&gt;&quot;Q&amp;A&quot;&lt;/a&gt;")
    }
}
