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

    /// The run-copying escape against a plain one written out character by character, on every
    /// ASCII character and some that are not, in random texts (runs at the start, end and between).
    func testEscapeMatchesCharacterByCharacterReplacement() {
        func reference(_ text: String) -> String {
            var out = ""
            for character in text {
                switch character {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                default: out.append(character)
                }
            }
            return out
        }
        let alphabet = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) } + Array("éß😀\u{2028}")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = String((0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            XCTAssertEqual(text.htmlAttributeEscaped, reference(text))
            var html = HTMLBuilder()
            html.appendEscaped(text)
            XCTAssertEqual(html.html, reference(text))
        }
        XCTAssertEqual(String((0..<128).map { Character(Unicode.Scalar(UInt8($0))) }).htmlAttributeEscaped.count, 128 + 4 + 3 + 3 + 5 + 4)
    }

    func testWithCStringEndsInNULAndLeavesTheBytesAsTheyWere() {
        var html = HTMLBuilder()
        html.append("<h2 id=\"")
        html.appendEscaped("a&b")
        html.withCString { XCTAssertEqual(String(cString: $0), "<h2 id=\"a&amp;b") }
        html.append("\">")
        XCTAssertEqual(html.html, "<h2 id=\"a&amp;b\">")
    }
}
