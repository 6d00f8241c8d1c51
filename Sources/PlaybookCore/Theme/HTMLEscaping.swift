import Mustache
import PlaybookMarkdown

/// The escaping `{{value}}` uses in every template: the same five characters as swift-mustache's
/// HTML content type, done on bytes (its per-character version took a seventh of a large build).
struct PlaybookHTML: MustacheContentType {
    static let name = "PLAYBOOK_HTML"
    /// Put on a line of its own in front of every template's text; a standalone tag leaves no trace
    /// in the output, and parse errors subtract the line again.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"

    /// Registers the content type with swift-mustache; safe to call more than once.
    static let registration: Void = MustacheContentTypes.register(PlaybookHTML(), named: name)

    func escapeText(_ text: String) -> String { text.htmlAttributeEscaped }

    /// The content type a template is written in, from its name: `report.md` is Markdown, `report.txt`
    /// plain text, everything else HTML.
    static func pragma(forTemplate name: String) -> String {
        if name.hasSuffix(".md") { return PlaybookMarkdownText.pragma }
        if name.hasSuffix(".txt") { return "{{% CONTENT_TYPE: TEXT}}\n" }
        return pragma
    }
}
