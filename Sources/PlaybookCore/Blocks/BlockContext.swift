import Foundation
import PlaybookMarkdown

/// What block renderers need to know about the build and the page.
struct BlockContext {
    var config: SiteConfig
    var buildDate: Day
    var markdown: MarkdownRenderer
    /// Output path of the page (`delivery/kpis.html`), for storage keys and attachment names.
    var pagePath: String
    /// Front-matter `vars:` of the page, prefilling script placeholders.
    var pageVars: [String: String]
    var ids: PageIDs
    /// Rewrites a link written inside a block field; the block's fence line stands in for its line.
    var rewriteLink: (LinkReference) -> String? = { _ in nil }
    /// File line of the block being rendered.
    var fenceLine = 0
    /// True in a one-file export: files a block would write beside the page become `data:` links.
    var inlineAttachments = false
    /// False when nobody reads the page's block items (the one-file export renders pages a second
    /// time for their HTML only).
    var collectsItems = true
    /// Files under `data/`, for KPIs with `series:`.
    var dataFiles: [String: Data] = [:]

    /// Where an item at `line` of the block is; the expander fills in the file and the line offset.
    func location(line: Int) -> ItemLocation {
        ItemLocation(page: pagePath, file: "", line: line, blockLine: fenceLine, anchor: nil)
    }

    /// A text field as plain text (Markdown reduced to its words), for the dashboard and the report.
    func plain(_ text: String) -> String {
        let plain = markdown.plainInlineText(text)
        // Markup alone (`**`) has no words; the field as written is better than an empty entry.
        return plain.isEmpty ? text : plain
    }

    /// Inline Markdown of a text field, rendered safely by cmark, with `.md` links rewritten.
    func inline(_ text: String) -> String {
        let line = fenceLine
        let rewrite = rewriteLink
        return markdown.renderInline(
            text,
            hooks: MarkdownHooks(rewriteLink: { link in
                var located = link
                located.line = line
                return rewrite(located)
            }))
    }
}
