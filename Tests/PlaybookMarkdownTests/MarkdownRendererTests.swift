import XCTest

@testable import PlaybookMarkdown

final class MarkdownRendererTests: XCTestCase {
    let renderer = MarkdownRenderer()

    func testHeadingsGetUniqueStableIDs() {
        let rendered = renderer.render("## Intro\n\n## Intro\n\n### Café & Co.\n")
        XCTAssertEqual(rendered.headings.map(\.id), ["intro", "intro-1", "café--co"])
        XCTAssertTrue(rendered.html.contains("<h2 id=\"intro-1\">Intro</h2>"))
        XCTAssertEqual(rendered.headings.map(\.line), [1, 3, 5])
    }

    func testReservedIDsAreNeverUsedForHeadings() {
        let rendered = MarkdownRenderer(reservedIDs: ["content"]).render("# Content\n## PB Nav\n")
        XCTAssertEqual(rendered.headings.map(\.id), ["content-1", "h-pb-nav"])
    }

    /// Plain one-line fields skip cmark; whatever takes that shortcut must be what cmark makes of it.
    func testPlainFieldShortcutMatchesCmark() {
        let samples = [
            "Metric 12", "P95 checkout latency", "Café au lait", "Ops, on call; weekly", "100% uptime / 30 days",
            "Who@where: what?", "日本語のテキスト", "Backend lead",
        ]
        for sample in samples {
            // Behind an emphasis cmark must do the work; the sample must come out as itself after it.
            XCTAssertEqual(renderer.renderInline("*x* " + sample), "<em>x</em> " + sample, sample)
            XCTAssertEqual(renderer.renderInline(sample), sample)
            XCTAssertEqual(renderer.plainText(sample), sample)
        }
        // Anything that could be Markdown, smart punctuation or an escape still goes through cmark.
        XCTAssertEqual(renderer.renderInline("a -- b"), renderer.renderInline("*x* a -- b").replacingOccurrences(of: "<em>x</em> ", with: ""))
        XCTAssertEqual(renderer.renderInline("1. first"), renderer.renderInline("1. first"))
        XCTAssertEqual(renderer.renderInline("a & b"), "a &amp; b")
        XCTAssertEqual(renderer.renderInline("a  b"), "a  b")
        XCTAssertEqual(renderer.renderInline("**bold**"), "<strong>bold</strong>")
    }

    /// Random one-line fields: whenever the shortcut takes one, cmark (with and without smart
    /// punctuation, raw HTML allowed or not) renders it, and reads its plain text, as that same text.
    func testPlainFieldShortcutMatchesCmarkOnRandomText() {
        // Half the samples from what the shortcut may take, half with Markdown's own characters too.
        let plain = Array("aZ0 9 .-!(),%/;?@:é日")
        let alphabet = plain + Array("*_`[]<>&\"'\\#~|+=^{}$\t")
        var generator = SystemRandomNumberGenerator()
        let renderers = [
            MarkdownRenderer(), MarkdownRenderer(options: []), MarkdownRenderer(options: [.smartPunctuation, .allowRawHTML]),
        ]
        var taken = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 1...10, using: &generator)
            let letters = Bool.random(using: &generator) ? plain : alphabet
            let text = String((0..<length).map { _ in letters.randomElement(using: &generator)! })
            guard MarkdownRenderer.isPlainText(text) else { continue }
            taken += 1
            for renderer in renderers {
                XCTAssertEqual(renderer.renderInlineThroughCmark(text), text, text.debugDescription)
                let document = CmarkDocument(parsing: text, options: renderer.options)
                XCTAssertEqual(document.plainText(), text, text.debugDescription)
                XCTAssertEqual(document.plainText(keepingHTML: !renderer.options.contains(.allowRawHTML)), text, text.debugDescription)
            }
        }
        XCTAssertGreaterThan(taken, 1_000, "the alphabet gives the shortcut enough to do")
        // A full stop or a hyphen alone is plain, two in a row may be smart punctuation; numbers are
        // plain, an ordered list's marker is not.
        let expected: [(String, Bool)] = [
            ("Retry the migration (twice), then roll back - carefully!", true), ("Wait...", false), ("a -- b", false),
            ("329ms", true), ("99.9%", true), ("1.", false), ("2) two", false),
        ]
        for (text, plain) in expected { XCTAssertEqual(MarkdownRenderer.isPlainText(text), plain, text) }
    }

    func testEmptyHeadingGetsFallbackID() {
        XCTAssertEqual(renderer.render("## !!!\n").headings.first?.id, "section")
    }

    func testRawHTMLIsDroppedUnlessAllowed() {
        let markdown = "<script>alert(1)</script>\n\nText <b>bold</b>\n"
        XCTAssertFalse(renderer.render(markdown).html.contains("<script>"))
        XCTAssertFalse(renderer.render(markdown).html.contains("<b>"))
        let unsafe = MarkdownRenderer(options: [.allowRawHTML]).render(markdown).html
        XCTAssertTrue(unsafe.contains("<script>alert(1)</script>"))
    }

    func testJavascriptLinksAreDroppedInSafeMode() {
        let html = renderer.render("[x](javascript:alert(1))").html
        XCTAssertFalse(html.contains("javascript:"), html)
    }

    func testSmartPunctuationIsOptional() {
        XCTAssertTrue(renderer.render("\"quoted\" -- dash").html.contains("“quoted” – dash"))
        XCTAssertTrue(MarkdownRenderer(options: []).render("\"quoted\"").html.contains("&quot;quoted&quot;"))
    }

    func testCodeBlockHookReplacesBlockEvenInSafeMode() {
        var seen: [CodeBlock] = []
        let hooks = MarkdownHooks(replaceCodeBlock: { block in
            seen.append(block)
            return block.language == "kpi" ? "<div class=\"kpi\">table</div>" : nil
        })
        let rendered = renderer.render("Intro\n\n```kpi title\n- a\n```\n\n```swift\nlet x = 1\n```\n", hooks: hooks)
        XCTAssertTrue(rendered.html.contains("<div class=\"kpi\">table</div>"))
        XCTAssertTrue(rendered.html.contains("<code class=\"language-swift\">let x = 1"))
        XCTAssertEqual(seen.map(\.language), ["kpi", "swift"])
        XCTAssertEqual(seen.first?.info, "kpi title")
        XCTAssertEqual(seen.first?.line, 3)
        XCTAssertEqual(seen.first?.literal, "- a\n")
    }

    func testLinkHookRewritesDestinationsAndReportsLines() {
        let hooks = MarkdownHooks(rewriteLink: { link in
            link.destination.hasSuffix(".md") ? link.destination.replacingOccurrences(of: ".md", with: ".html") : nil
        })
        let rendered = renderer.render("Para\n\nSee [a](a.md) and [b](https://x.org).\n\n![img](p.png)\n", hooks: hooks)
        XCTAssertTrue(rendered.html.contains("href=\"a.html\""))
        XCTAssertTrue(rendered.html.contains("href=\"https://x.org\""))
        XCTAssertEqual(rendered.links.map(\.line), [3, 3, 5])
        XCTAssertEqual(rendered.links.map(\.isImage), [false, false, true])
    }

    func testTitleDetection() {
        let titled = renderer.render("# Hello *world*\n\nFirst paragraph here.\n")
        XCTAssertTrue(titled.startsWithTitle)
        XCTAssertEqual(titled.firstTitle, "Hello world")
        XCTAssertEqual(titled.firstParagraph, "First paragraph here.")
        let untitled = renderer.render("Intro\n\n# Later\n")
        XCTAssertFalse(untitled.startsWithTitle)
        XCTAssertEqual(untitled.firstTitle, "Later")
    }

    func testInlineRenderingHasNoParagraph() {
        XCTAssertEqual(renderer.renderInline("Use *this* <b>x</b>"), "Use <em>this</em> &lt;b&gt;x&lt;/b&gt;")
    }

    func testPlainTextStripsMarkup() {
        XCTAssertEqual(renderer.plainText("**Bold** and `code`\n\n- item"), "Bold and code item")
    }

    func testCollapsedTextCollapsesEveryRunOfWhitespaceAcrossPieces() {
        // The reference: the pieces joined, each run of spaces, tabs, CR and LF one space, none at the ends.
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab é\t\n\r  ")
        for _ in 0..<2000 {
            var text = CollapsedText()
            var joined = ""
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                if Bool.random(using: &generator) {
                    text.appendSpace()
                    joined += " "
                    continue
                }
                let piece = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
                piece.utf8CString.withUnsafeBufferPointer { text.append($0.baseAddress) }
                joined += piece
            }
            let expected = joined.unicodeScalars.split(whereSeparator: { " \t\n\r".unicodeScalars.contains($0) })
                .map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
            XCTAssertEqual(text.string, expected, joined.debugDescription)
        }
    }

    func testHTMLEscaping() {
        XCTAssertEqual("<a href=\"x\">'&'".htmlAttributeEscaped, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;")
    }

    func testNULAndInvalidInputDoNotCrash() {
        let rendered = renderer.render("a\0b\n\n" + String(repeating: "[", count: 20_000))
        XCTAssertFalse(rendered.html.isEmpty)
    }

    func testSingleTitleDemotesExtraLevelOneHeadings() {
        var renderer = MarkdownRenderer()
        renderer.singleTitle = true
        let opening = renderer.render("# Title\n\nText\n\n# Another\n")
        XCTAssertTrue(opening.html.contains("<h1 id=\"title\">Title</h1>"))
        XCTAssertTrue(opening.html.contains("<h2 id=\"another\">Another</h2>"))
        XCTAssertEqual(opening.headings.map(\.level), [1, 2])
        let later = renderer.render("Intro\n\n# Later\n")
        XCTAssertEqual(later.firstTitle, "Later", "still the title fallback")
        XCTAssertTrue(later.html.contains("<h2 id=\"later\">Later</h2>"), "the template gives the page its h1")
        XCTAssertTrue(MarkdownRenderer().render("Intro\n\n# Later\n").html.contains("<h1"), "off by default")
    }

    func testTheASCIIHeadingSlugIsTheSlug() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09 ._-()/'\t`*!?")
        for _ in 0..<2000 {
            let text = String((0..<Int.random(in: 0...14, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            XCTAssertEqual(HeadingIDs.slug(text), HeadingIDs.unicodeSlug(text), "'\(text)'")
        }
        XCTAssertEqual(HeadingIDs.slug("Ünïcode Heading"), "ünïcode-heading")
    }

    /// Heading ids as GitHub makes them (github-slugger's cases: punctuation, `&`, `/`, `.`, emoji,
    /// repeats, non-Latin letters, marks and digits).
    func testHeadingIDsAreGitHubs() {
        let cases: [(String, String)] = [
            ("Pay & benefits", "pay--benefits"),
            ("api/v2.example.com (beta)", "apiv2examplecom-beta"),
            ("Today's figures", "todays-figures"),
            ("Hello, World!", "hello-world"),
            ("foo_bar-baz", "foo_bar-baz"),
            ("  Leading and trailing  ", "--leading-and-trailing--"),
            ("Emoji 😄 here", "emoji--here"),
            ("I ♥ unicode", "i--unicode"),
            ("Привет мир", "привет-мир"),
            ("日本語の見出し", "日本語の見出し"),
            ("Ünïcode Heading", "ünïcode-heading"),
            ("Café déjà vu", "café-déjà-vu"),
            ("Version 2.0 — released", "version-20--released"),
            ("C++ & C#", "c--c"),
            ("`code` in *heading*", "code-in-heading"),
            ("100%", "100"),
            ("½ and ²", "½-and-²"),
            ("!!!", "section"),
        ]
        for (text, id) in cases { XCTAssertEqual(HeadingIDs.githubSlug(text), id, text) }
        // ASCII headings take a faster path to the same ids.
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09 ._-()/'\t`*!?&#")
        for _ in 0..<2000 {
            let text = String((0..<Int.random(in: 0...14, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let unicode = HeadingIDs.githubSlug(text + "é")
            XCTAssertEqual(HeadingIDs.githubSlug(text), unicode == "é" ? "section" : String(unicode.dropLast()), "'\(text)'")
        }
        var ids = HeadingIDs(style: .github)
        XCTAssertEqual(["Intro", "Intro", "Intro", "Intro 1"].map { ids.id(for: $0) }, ["intro", "intro-1", "intro-2", "intro-1-1"])
        let page = MarkdownRenderer().render("# Pay & benefits\n\n## `code` in *heading*\n\n## Pay & benefits\n")
        XCTAssertEqual(page.headings.map(\.id), ["pay--benefits", "code-in-heading", "pay--benefits-1"])
        XCTAssertTrue(page.html.contains("<h2 id=\"code-in-heading\"><code>code</code> in <em>heading</em></h2>"))
        XCTAssertEqual(HeadingIDs.slug("Pay & benefits"), "pay-benefits", "block item keys keep their compact form")
    }
}
