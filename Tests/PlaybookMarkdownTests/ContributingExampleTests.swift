import CCmark
import XCTest

@testable import PlaybookMarkdown

/// CONTRIBUTING.md, "Adding a Markdown extension", as written there.
/// Links to other sites get a trailing ` ↗` so readers know they leave the playbook.
struct ExternalLinkMarker: MarkdownExtension {
    func apply(to document: CmarkDocument, context: inout MarkdownContext) {
        for link in document.nodes.links where cmark_node_get_type(link) == CMARK_NODE_LINK {
            let url = document.string(cmark_node_get_url(link))
            guard url.hasPrefix("https://") || url.hasPrefix("http://"), let arrow = cmark_node_new(CMARK_NODE_TEXT) else { continue }
            cmark_node_set_literal(arrow, " ↗")
            cmark_node_append_child(link, arrow)
        }
    }
}

final class ContributingExampleTests: XCTestCase {
    func testTheExtensionExampleMarksExternalLinks() {
        var renderer = MarkdownRenderer()
        renderer.extensions = [
            LinkRewriting(), ExternalLinkMarker(), Strikethrough(), BlockReplacement(), TaskLists(), FlattenedParagraphs(), HeadingAnchors(),
        ]
        let html = renderer.render("[the docs](https://example.org/x) and [a page](plan.md)\n").html
        XCTAssertEqual(html, "<p><a href=\"https://example.org/x\">the docs ↗</a> and <a href=\"plan.md\">a page</a></p>\n")
    }
}
