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

/// `{{value}}` in a Markdown template: characters that would start emphasis, code, a link or HTML are
/// backslash-escaped, so a value always reads as the text it is. Characters that only matter at the
/// start of a line (`#`, `>`) are left alone: templates put values after other text.
struct PlaybookMarkdownText: MustacheContentType {
    static let name = "PLAYBOOK_MARKDOWN"
    static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"
    static let registration: Void = MustacheContentTypes.register(PlaybookMarkdownText(), named: name)
    static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "~"]

    func escapeText(_ text: String) -> String {
        guard text.contains(where: { Self.special.contains($0) || $0 == "<" }) else { return text }
        var escaped = ""
        var characters = text.makeIterator()
        var next = characters.next()
        while let character = next {
            next = characters.next()
            // `<` opens HTML or an autolink only before a letter, `/`, `!` or `?`; `< 200ms` stays readable.
            let opensTag = character == "<" && next.map { $0.isLetter || "/!?".contains($0) } ?? false
            if Self.special.contains(character) || opensTag { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
