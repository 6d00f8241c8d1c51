import PlaybookMarkdown
import XCTest

/// GitHub alerts and Obsidian callouts.
final class CalloutTests: XCTestCase {
    let renderer = MarkdownRenderer(options: [])

    func html(_ markdown: String) -> String { renderer.render(markdown).html }

    func testGitHubAlertsInAnyCase() {
        XCTAssertEqual(
            html("> [!NOTE]\n> Useful information.\n"),
            "<div class=\"callout callout-note\">\n<p class=\"callout-title\">Note</p>\n<div class=\"callout-body\">\n<p>Useful information.</p>\n</div>\n</div>\n"
        )
        for (written, type, label) in [
            ("TIP", "tip", "Tip"), ("important", "important", "Important"), ("Warning", "warning", "Warning"), ("CAUTION", "caution", "Caution"),
        ] {
            let output = html("> [!\(written)]\n> Text.\n")
            XCTAssertTrue(output.hasPrefix("<div class=\"callout callout-\(type)\">\n<p class=\"callout-title\">\(label)</p>"), output)
        }
    }

    func testObsidianTitleAndAliases() {
        let output = html("> [!tldr] Read *this* first\n> Body with [a link](x.md).\n>\n> Second paragraph.\n")
        XCTAssertTrue(output.hasPrefix("<div class=\"callout callout-abstract\">\n<p class=\"callout-title\">Read <em>this</em> first</p>\n"), output)
        XCTAssertTrue(output.contains("<p>Body with <a href=\"x.md\">a link</a>.</p>\n<p>Second paragraph.</p>\n</div>\n</div>"), output)
        XCTAssertTrue(html("> [!faq]\n> Q\n").contains("<p class=\"callout-title\">FAQ</p>"))
    }

    func testFoldableCalloutsAreDetails() {
        XCTAssertEqual(
            html("> [!faq]- Why a playbook?\n> Because notes rot.\n"),
            "<details class=\"callout callout-question\">\n<summary class=\"callout-title\">Why a playbook?</summary>\n"
                + "<div class=\"callout-body\">\n<p>Because notes rot.</p>\n</div>\n</details>\n")
        XCTAssertTrue(
            html("> [!tip]+ Open\n> Shown.\n").hasPrefix(
                "<details class=\"callout callout-tip\" open>\n<summary class=\"callout-title\">Open</summary>"))
    }

    func testTitleOnlyCalloutAndContentOnNextBlock() {
        XCTAssertEqual(html("> [!warning] Heads up\n"), "<div class=\"callout callout-warning\">\n<p class=\"callout-title\">Heads up</p>\n</div>\n")
        let output = html("> [!note]\n>\n> - one\n> - two\n")
        XCTAssertTrue(output.contains("<div class=\"callout-body\">\n<ul>\n<li>one</li>"), output)
    }

    func testUnknownTypeWarnsAndRendersAsNote() {
        let rendered = renderer.render("Intro\n\n> [!shrug] Who knows\n> Text.\n")
        XCTAssertTrue(rendered.html.contains("<div class=\"callout callout-note\">\n<p class=\"callout-title\">Who knows</p>"), rendered.html)
        XCTAssertEqual(rendered.problems.map(\.line), [3])
        XCTAssertEqual(rendered.problems.first?.kind, .warning)
        XCTAssertTrue(rendered.problems.first?.message.contains("[!shrug]") ?? false)
    }

    func testNotCallouts() {
        XCTAssertEqual(html("> [!note]x\n"), "<blockquote>\n<p>[!note]x</p>\n</blockquote>\n")
        XCTAssertEqual(html("> Plain quote [!note]\n"), "<blockquote>\n<p>Plain quote [!note]</p>\n</blockquote>\n")
        XCTAssertEqual(html("[!note] outside a quote\n"), "<p>[!note] outside a quote</p>\n")
    }

    func testNestedInListAndWithCodeAndTable() {
        let output = html("- item\n\n  > [!tip]\n  > ```sql\n  > SELECT 1;\n  > ```\n  >\n  > | a |\n  > |---|\n  > | 1 |\n")
        XCTAssertTrue(output.contains("<li>\n<p>item</p>\n<div class=\"callout callout-tip\">"), output)
        XCTAssertTrue(output.contains("<pre><code class=\"language-sql\">SELECT 1;\n</code></pre>"), output)
        XCTAssertTrue(output.contains("<td>1</td>"), output)
    }

    func testTitleHTMLIsEscaped() {
        let output = html("> [!note] <img src=x onerror=alert(1)> & more\n")
        XCTAssertFalse(output.contains("<img"), output)
        XCTAssertTrue(output.contains("&amp; more</p>"), output)
    }
}
