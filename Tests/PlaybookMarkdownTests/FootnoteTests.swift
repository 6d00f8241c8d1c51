import PlaybookMarkdown
import XCTest

/// Footnotes: `[^label]` references and `[^label]: note` definitions.
final class FootnoteTests: XCTestCase {
    let renderer = MarkdownRenderer(options: [])

    func html(_ markdown: String) -> String { renderer.render(markdown).html }

    func testNumberedInOrderOfFirstReferenceWithBackLinks() {
        let output = html("Alpha[^b] and beta[^a].\n\n[^a]: Note A.\n[^b]: Note B.\n")
        XCTAssertEqual(
            output,
            "<p>Alpha<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" role=\"doc-noteref\">1</a></sup> and beta"
                + "<sup class=\"footnote-ref\"><a href=\"#fn-2\" id=\"fnref-2\" role=\"doc-noteref\">2</a></sup>.</p>\n"
                + "<section class=\"footnotes\" role=\"doc-endnotes\" aria-label=\"Footnotes\">\n<ol>\n"
                + "<li id=\"fn-1\">\n<p>Note B. <a href=\"#fnref-1\" class=\"footnote-back\" role=\"doc-backlink\" aria-label=\"Back to reference 1\">↩\u{FE0E}</a></p>\n</li>\n"
                + "<li id=\"fn-2\">\n<p>Note A. <a href=\"#fnref-2\" class=\"footnote-back\" role=\"doc-backlink\" aria-label=\"Back to reference 2\">↩\u{FE0E}</a></p>\n</li>\n"
                + "</ol>\n</section>\n")
    }

    func testDefinitionIsNotALinkReference() {
        let output = html("See[^1].\n\n[^1]: https://example.org is the source\n")
        XCTAssertFalse(output.contains("<a href=\"https://example.org\">"), output)
        XCTAssertTrue(output.contains("<li id=\"fn-1\">\n<p>https://example.org is the source"), output)
    }

    func testIndentedContinuationBelongsToTheNote() {
        let output = html("Text[^long].\n\n[^long]: First line\n    continued here.\n\n    A second paragraph with `code`.\n\nAfter.\n")
        XCTAssertTrue(output.contains("<p>First line\ncontinued here.</p>\n<p>A second paragraph with <code>code</code>."), output)
        XCTAssertTrue(output.hasPrefix("<p>Text<sup"), output)
        XCTAssertTrue(output.contains("<p>After.</p>\n<section class=\"footnotes\""), output)
    }

    func testRepeatedReferencesGetOwnIdsAndBackLinks() {
        let output = html("One[^n], two[^n].\n\n[^n]: Shared.\n")
        XCTAssertTrue(output.contains("id=\"fnref-1\""))
        XCTAssertTrue(output.contains("id=\"fnref-1-2\""))
        XCTAssertTrue(output.contains("href=\"#fnref-1-2\" class=\"footnote-back\""), output)
    }

    func testPrefixKeepsIdsUniqueInAnExport() {
        var prefixed = renderer
        prefixed.idPrefix = "p3-"
        let output = prefixed.render("A[^x].\n\n[^x]: N.\n").html
        XCTAssertTrue(output.contains("href=\"#p3-fn-1\" id=\"p3-fnref-1\""), output)
        XCTAssertTrue(output.contains("<li id=\"p3-fn-1\">"), output)
        XCTAssertTrue(output.contains("href=\"#p3-fnref-1\""), output)
    }

    func testMissingAndUnusedDefinitionsAreReported() {
        let rendered = renderer.render("Broken[^nope].\n\nFine[^ok].\n\n[^ok]: Yes.\n[^spare]: Never used.\n")
        XCTAssertTrue(rendered.html.contains("Broken[^nope]."), rendered.html)
        XCTAssertFalse(rendered.html.contains("Never used"))
        XCTAssertEqual(rendered.problems.map(\.kind), [.brokenReference, .warning])
        XCTAssertEqual(rendered.problems.map(\.line), [1, 6])
        XCTAssertTrue(rendered.problems[0].message.contains("[^nope]"))
        XCTAssertTrue(rendered.problems[1].message.contains("[^spare]"))
    }

    func testCodeKeepsFootnoteSyntax() {
        let output = html("```\n[^1]: not a note\n```\n\nUse `[^1]` literally.\n")
        XCTAssertTrue(output.contains("<pre><code>[^1]: not a note\n</code></pre>"), output)
        XCTAssertTrue(output.contains("<code>[^1]</code>"), output)
        XCTAssertFalse(output.contains("footnotes"))
    }

    func testFootnoteInTableCellAndHeadingIdsDoNotClash() {
        let output = html("# Fn 1\n\n| a |\n|---|\n| x[^c] |\n\n[^c]: In a cell.\n")
        XCTAssertTrue(output.contains("<td>x<sup class=\"footnote-ref\"><a href=\"#fn-1\""), output)
        XCTAssertFalse(output.contains("<h1 id=\"fn-1\""), output)
    }

    func testNoteTextIsEscaped() {
        XCTAssertFalse(html("A[^x].\n\n[^x]: <b onclick=x>b</b>\n").contains("<b onclick"))
    }
}
