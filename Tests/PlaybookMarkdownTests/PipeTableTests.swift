import XCTest

@testable import PlaybookMarkdown

/// GFM pipe tables (GFM 0.29, section 4.10): the spec's examples, then Playbook's own cases.
final class PipeTableTests: XCTestCase {
    /// The spec knows no smart punctuation.
    let renderer = MarkdownRenderer(options: [])

    func html(_ markdown: String) -> String { renderer.render(markdown).html }

    /// The spec's expected HTML, as Playbook writes it: in a scroll box, `style` instead of the obsolete `align`.
    func spec(_ expected: String) -> String {
        expected
            .replacingOccurrences(
                of: "<table>\n", with: "<div class=\"pb-scroll pb-table\" tabindex=\"0\" role=\"region\" aria-label=\"Table\">\n<table>\n"
            )
            .replacingOccurrences(of: "</table>\n", with: "</table>\n</div>\n")
            .replacingOccurrences(of: " align=\"center\"", with: " style=\"text-align: center\"")
            .replacingOccurrences(of: " align=\"right\"", with: " style=\"text-align: right\"")
            .replacingOccurrences(of: " align=\"left\"", with: " style=\"text-align: left\"")
    }

    // MARK: The spec's examples (198–205)

    func testExample198() {
        XCTAssertEqual(
            html("| foo | bar |\n| --- | --- |\n| baz | bim |\n"),
            spec(
                "<table>\n<thead>\n<tr>\n<th>foo</th>\n<th>bar</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>baz</td>\n<td>bim</td>\n</tr>\n</tbody>\n</table>\n"
            ))
    }

    func testExample199AlignmentFromColons() {
        XCTAssertEqual(
            html("| abc | defghi |\n:-: | -----------:\nbar | baz\n"),
            spec(
                "<table>\n<thead>\n<tr>\n<th align=\"center\">abc</th>\n<th align=\"right\">defghi</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
                    + "<td align=\"center\">bar</td>\n<td align=\"right\">baz</td>\n</tr>\n</tbody>\n</table>\n"))
    }

    func testExample200EscapedPipes() {
        XCTAssertEqual(
            html("| f\\|oo  |\n| ------ |\n| b `\\|` az |\n| b **\\|** im |\n"),
            spec(
                "<table>\n<thead>\n<tr>\n<th>f|oo</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b <code>|</code> az</td>\n</tr>\n<tr>\n"
                    + "<td>b <strong>|</strong> im</td>\n</tr>\n</tbody>\n</table>\n"))
    }

    func testExample201BlockQuoteEndsTable() {
        XCTAssertEqual(
            html("| abc | def |\n| --- | --- |\n| bar | baz |\n> bar\n"),
            spec(
                "<table>\n<thead>\n<tr>\n<th>abc</th>\n<th>def</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>bar</td>\n<td>baz</td>\n</tr>\n</tbody>\n</table>\n"
                    + "<blockquote>\n<p>bar</p>\n</blockquote>\n"))
    }

    func testExample202BlankLineEndsTable() {
        XCTAssertEqual(
            html("| abc | def |\n| --- | --- |\n| bar | baz |\nbar\n\nbar\n"),
            spec(
                "<table>\n<thead>\n<tr>\n<th>abc</th>\n<th>def</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>bar</td>\n<td>baz</td>\n</tr>\n<tr>\n"
                    + "<td>bar</td>\n<td></td>\n</tr>\n</tbody>\n</table>\n<p>bar</p>\n"))
    }

    func testExample203HeaderAndDelimiterMustMatch() {
        XCTAssertEqual(html("| abc | def |\n| --- |\n| bar |\n"), "<p>| abc | def |\n| --- |\n| bar |</p>\n")
    }

    func testExample204MissingCellsEmptyExtraCellsDropped() {
        XCTAssertEqual(
            html("| abc | def |\n| --- | --- |\n| bar |\n| bar | baz | boo |\n"),
            spec(
                "<table>\n<thead>\n<tr>\n<th>abc</th>\n<th>def</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>bar</td>\n<td></td>\n</tr>\n<tr>\n"
                    + "<td>bar</td>\n<td>baz</td>\n</tr>\n</tbody>\n</table>\n"))
    }

    func testExample205NoBodyNoTbody() {
        XCTAssertEqual(
            html("| abc | def |\n| --- | --- |\n"),
            spec("<table>\n<thead>\n<tr>\n<th>abc</th>\n<th>def</th>\n</tr>\n</thead>\n</table>\n"))
    }

    // MARK: Row rules

    func testCellsSplitAtUnescapedPipes() {
        func cells(_ line: String) -> [String] { TableRow.cells(Array(line.utf8)[...]) }
        XCTAssertEqual(cells("| a | b |"), ["a", "b"])
        XCTAssertEqual(cells("a | b"), ["a", "b"])
        XCTAssertEqual(cells("| a |  | c"), ["a", "", "c"])
        XCTAssertEqual(cells("a \\| b | c"), ["a | b", "c"])
        XCTAssertEqual(cells("| a \\|"), ["a |"])
        XCTAssertEqual(cells("| `x \\| y` | \\*z\\* |"), ["`x | y`", "\\*z\\*"])
        XCTAssertEqual(cells("no pipes"), ["no pipes"])
        XCTAssertEqual(cells("|"), [])
    }

    func testDelimiterRows() {
        func aligns(_ line: String) -> [TableRow.Alignment]? { TableRow.alignments(Array(line.utf8)[...]) }
        XCTAssertEqual(aligns("| --- | :-- | --: | :-: |"), [.none, .left, .right, .center])
        XCTAssertEqual(aligns("-|-"), [.none, .none])
        XCTAssertEqual(aligns("|:-:|"), [.center])
        XCTAssertNil(aligns("| --- | x |"))
        XCTAssertNil(aligns("| : |"))
        XCTAssertNil(aligns("| -:- |"))
        XCTAssertNil(aligns("text"))
    }

    // MARK: Playbook's cases

    func testParagraphBeforeTableStaysAParagraph() {
        let output = html("Figures for Q3:\n| KPI | Value |\n|---|---|\n| p95 | 180 ms |\n")
        XCTAssertTrue(output.hasPrefix("<p>Figures for Q3:</p>\n<div class=\"pb-scroll pb-table\""), output)
        XCTAssertTrue(output.contains("<td>180 ms</td>"))
    }

    func testTableInsideListAndBlockQuote() {
        let list = html("- Item\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n")
        XCTAssertTrue(list.contains("<li>\n<p>Item</p>\n<div class=\"pb-scroll pb-table\""), list)
        XCTAssertTrue(list.contains("<td>1</td>\n<td>2</td>"), list)
        let quote = html("> | a | b |\n> |---|---|\n> | 1 | 2 |\n")
        XCTAssertTrue(quote.hasPrefix("<blockquote>\n<div class=\"pb-scroll pb-table\""), quote)
        XCTAssertTrue(quote.contains("<td>1</td>\n<td>2</td>"), quote)
        let nested = html("> - | a | b |\n>   |---|---|\n>   | 1 | 2 |\n")
        XCTAssertTrue(nested.contains("<td>1</td>\n<td>2</td>"), nested)
    }

    func testInlineMarkdownAndStrikethroughInCells() {
        let output = html("| a | b |\n|---|---|\n| *em* ~~old~~ | [x](y.md) |\n| # not a heading | - not a list |\n")
        XCTAssertTrue(output.contains("<td><em>em</em> <del>old</del></td>"), output)
        XCTAssertTrue(output.contains("<td><a href=\"y.md\">x</a></td>"), output)
        XCTAssertTrue(output.contains("<td># not a heading</td>\n<td>- not a list</td>"), output)
    }

    func testReferenceLinksInCellsUseThePagesDefinitions() {
        let output = html("| a |\n|---|\n| [guide][g] |\n\n[g]: https://example.org/guide\n")
        XCTAssertTrue(output.contains("<td><a href=\"https://example.org/guide\">guide</a></td>"), output)
    }

    func testLinksInCellsAreRewrittenWithTheirLine() {
        var seen: [LinkReference] = []
        let hooks = MarkdownHooks(rewriteLink: { link in
            seen.append(link)
            return link.destination == "plan.md" ? "plan.html" : nil
        })
        let output = renderer.render("Intro\n\n| a | b |\n|---|---|\n| x | [Plan](plan.md) |\n| y | ![chart](c.png) |\n", hooks: hooks).html
        XCTAssertTrue(output.contains("<a href=\"plan.html\">Plan</a>"), output)
        XCTAssertEqual(seen.map(\.destination), ["plan.md", "c.png"])
        XCTAssertEqual(seen.map(\.line), [5, 6])
    }

    func testCellTextIsSearchable() {
        XCTAssertTrue(renderer.render("| KPI |\n|---|\n| checkout latency |\n").plainText.contains("checkout latency"))
    }

    func testNotTables() {
        XCTAssertEqual(html("a | b\n"), "<p>a | b</p>\n")
        XCTAssertEqual(html("Title\n---\n"), "<h2 id=\"title\">Title</h2>\n")
        XCTAssertEqual(html("```\n| a |\n|---|\n```\n"), "<pre><code>| a |\n|---|\n</code></pre>\n")
        XCTAssertEqual(renderer.renderInline("a | b"), "a | b")
    }

    func testHTMLInCellsIsEscapedWithoutRawHTML() {
        let output = html("| a |\n|---|\n| <script>x</script> |\n")
        XCTAssertFalse(output.contains("<script>"), output)
    }
}
