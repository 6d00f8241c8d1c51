import CCmark

/// Obsidian's block ids: a paragraph (or list item) that ends with ` ^id` (letters, digits and `-`;
/// right after an embed, `![[image.png]]^id`, no space is needed)
/// loses that mark from its text and gets the anchor `^id`, so that `[[Note#^id]]` lands on it. The
/// anchor is an empty `<span id="^id">` at the start of the paragraph (cmark gives paragraphs no
/// attributes). The ids are returned with the page (`RenderedMarkdown.blockIDs`), for link checks.
struct BlockIDs: MarkdownSyntax {
    func mayOccur(in source: String) -> Bool { ByteSearch.contains(source, "^") }

    func rewrite(_ document: CmarkDocument, settings: SyntaxSettings) {
        for paragraph in CmarkDocument.nodes(below: document.root, where: { cmark_node_get_type($0) == CMARK_NODE_PARAGRAPH }) {
            guard let last = cmark_node_last_child(paragraph), cmark_node_get_type(last) == CMARK_NODE_TEXT else { continue }
            let literal = document.string(cmark_node_get_literal(last))
            guard let (text, id) = Self.split(literal), let anchor = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
            let full = settings.idPrefix + "^" + id
            guard !document.blockIDs.contains(full) else {
                cmark_node_free(anchor)
                continue
            }
            if text.isEmpty {
                cmark_node_unlink(last)
                cmark_node_free(last)
            } else {
                cmark_node_set_literal(last, text)
            }
            cmark_node_set_on_enter(anchor, "<span id=\"\(full)\"></span>")
            cmark_node_set_on_exit(anchor, "")
            cmark_node_prepend_child(paragraph, anchor)
            document.blockIDs.append(full)
        }
    }

    /// `text ^id` → (`text`, `id`); nil without a block id at the end.
    static func split(_ literal: String) -> (text: String, id: String)? {
        var end = literal.endIndex
        while end > literal.startIndex, literal[literal.index(before: end)] == " " { end = literal.index(before: end) }
        let trimmed = literal[..<end]
        guard let caret = trimmed.lastIndex(of: "^") else { return nil }
        let id = trimmed[trimmed.index(after: caret)...]
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { return nil }
        let before = trimmed[..<caret]
        // After a space, or right after an embed (`![[image.png]]^id`).
        guard before.isEmpty || before.last == " " || before.last == "\t" || before.hasSuffix("]]") else { return nil }
        var text = before
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return (String(text), String(id))
    }
}
