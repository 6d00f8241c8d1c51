import PlaybookMarkdown
import XCTest

/// Obsidian's wikilinks and embeds on cmark's tree: every form, where they are left alone, and what the
/// caller's resolver is asked.
final class WikilinkTests: XCTestCase {
    func html(_ markdown: String, resolve: ((Wikilink) -> String?)? = nil) -> String {
        MarkdownRenderer().render(markdown, hooks: MarkdownHooks(resolveWikilink: resolve)).html
    }

    func testEveryLinkForm() {
        let cases: [(String, String)] = [
            ("[[Note]]", ##"<a href="Note.md">Note</a>"##),
            ("[[Note|shown text]]", ##"<a href="Note.md">shown text</a>"##),
            ("[[Note#Open questions]]", ##"<a href="Note.md#open-questions">Note &gt; Open questions</a>"##),
            ("[[Note#Open questions|the questions]]", ##"<a href="Note.md#open-questions">the questions</a>"##),
            ("[[Sidebar#Open sidebars#On mobile]]", ##"<a href="Sidebar.md#on-mobile">Sidebar &gt; Open sidebars &gt; On mobile</a>"##),
            ("[[#Pay & benefits]]", ##"<a href="#pay--benefits">Pay &amp; benefits</a>"##),
            ("[[Note#^a1b2c3]]", ##"<a href="Note.md#%5Ea1b2c3">Note &gt; ^a1b2c3</a>"##),
            ("[[folder/Note]]", ##"<a href="folder/Note.md">folder/Note</a>"##),
            ("[[Note.md]]", ##"<a href="Note.md">Note.md</a>"##),
            ("[[file.pdf]]", ##"<a href="file.pdf">file.pdf</a>"##),
            ("![[image.png]]", ##"<img src="image.png" alt="" />"##),
            ("![[image.png|300]]", ##"<img src="image.png" alt="" width="300" />"##),
            ("![[image.png|300x200]]", ##"<img src="image.png" alt="" width="300" height="200" />"##),
            ("![[talk.mp3]]", ##"<audio controls src="talk.mp3"><a href="talk.mp3">talk.mp3</a></audio>"##),
            ("![[demo.MP4]]", ##"<video controls src="demo.MP4"><a href="demo.MP4">demo.MP4</a></video>"##),
            ("![[slides.pdf]]", ##"<a href="slides.pdf">slides.pdf</a>"##),
            ("![[javascript:alert(1).mp4]]", ##"<video controls src=""><a href="">javascript:alert(1).mp4</a></video>"##),
            ("![[image.png|A diagram]]", ##"<img src="image.png" alt="A diagram" />"##),
            ("![[Note]]", ##"<a href="Note.md">Note</a>"##),
        ]
        for (markdown, expected) in cases {
            XCTAssertEqual(html("See \(markdown) here.\n"), "<p>See \(expected) here.</p>\n", markdown)
        }
    }

    func testTextAroundAndSeveralOnALine() {
        XCTAssertEqual(
            html("a [[One]], b *[[Two|2]]* and [[Three]]!\n"),
            ##"<p>a <a href="One.md">One</a>, b <em><a href="Two.md">2</a></em> and <a href="Three.md">Three</a>!</p>"## + "\n")
        XCTAssertEqual(html("not [[closed and [[]] and [[ ]]\n"), "<p>not [[closed and [[]] and [[ ]]</p>\n")
    }

    func testCodeAndHTMLKeepTheirBrackets() {
        XCTAssertEqual(html("`[[Note]]` and [[Note]]\n"), ##"<p><code>[[Note]]</code> and <a href="Note.md">Note</a></p>"## + "\n")
        XCTAssertEqual(html("```\n[[Note]]\n```\n"), "<pre><code>[[Note]]\n</code></pre>\n")
        XCTAssertEqual(html("    [[Note]]\n"), "<pre><code>[[Note]]\n</code></pre>\n")
    }

    func testAPipeInsideATableIsEscaped() {
        let table = html("| Link | Note |\n| --- | --- |\n| [[Weekly review\\|review]] | x |\n")
        XCTAssertTrue(table.contains(##"<td><a href="Weekly%20review.md">review</a></td>"##), table)
        XCTAssertTrue(table.contains("<td>x</td>"), table)
    }

    /// `^id` at the end of a paragraph or list item leaves the text and becomes the block's anchor.
    func testBlockIDsBecomeAnchors() {
        let page = MarkdownRenderer().render("The plan. ^a1b2c3\n\n- an item ^item-1\n- x^y stays\n\nLast line\n^own-line\n\n`code ^no`\n")
        XCTAssertEqual(page.blockIDs, ["^a1b2c3", "^item-1", "^own-line"])
        XCTAssertTrue(page.html.contains(##"<p><span id="^a1b2c3"></span>The plan.</p>"##), page.html)
        XCTAssertTrue(page.html.contains(##"<li><span id="^item-1"></span>an item</li>"##), page.html)
        XCTAssertTrue(page.html.contains("<li>x^y stays</li>"), page.html)
        XCTAssertTrue(page.html.contains(##"<p><span id="^own-line"></span>Last line"##), page.html)
        XCTAssertTrue(page.html.contains("<code>code ^no</code>"))
        XCTAssertFalse(page.plainText.contains("a1b2c3"))
        let embed = MarkdownRenderer().render("![[shot.png]]^shot\n")
        XCTAssertEqual(embed.blockIDs, ["^shot"])
        XCTAssertEqual(embed.html, ##"<p><span id="^shot"></span><img src="shot.png" alt="" /></p>"## + "\n")
        var prefixed = MarkdownRenderer()
        prefixed.idPrefix = "p3-"
        XCTAssertEqual(prefixed.render("Text ^b1\n").blockIDs, ["p3-^b1"])
    }

    func testTheResolverIsAskedWithWhatWasWritten() {
        var asked: [Wikilink] = []
        let page = html("Intro\n\n[[Note#Heading|text]] and ![[img.png]]\n") { link in
            asked.append(link)
            return link.isEmbed ? "/images/img.png" : "/notes/Note.md#heading"
        }
        XCTAssertEqual(
            asked,
            [
                Wikilink(target: "Note", fragment: "Heading", label: "text", isEmbed: false, line: 3),
                Wikilink(target: "img.png", isEmbed: true, line: 3),
            ])
        XCTAssertTrue(page.contains(##"<a href="/notes/Note.md#heading">text</a> and <img src="/images/img.png" alt="" />"##), page)
    }
}
