import Mustache
import PlaybookMarkdown

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
