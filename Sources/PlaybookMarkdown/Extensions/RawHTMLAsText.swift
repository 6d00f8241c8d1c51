import CCmark

/// In a one-line field without raw HTML allowed, shows HTML as text instead of dropping it, so a value
/// like `<script>` stays visible (and harmless).
struct RawHTMLAsText: MarkdownExtension {
    func apply(to document: CmarkDocument, context: inout MarkdownContext) {
        guard !document.options.contains(.allowRawHTML) else { return }
        for node in document.nodes.blockHTML {
            guard let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH), let text = cmark_node_new(CMARK_NODE_TEXT) else { continue }
            var literal = document.string(cmark_node_get_literal(node))
            while literal.last == "\n" { literal.removeLast() }
            cmark_node_set_literal(text, literal)
            cmark_node_append_child(paragraph, text)
            document.replace(node, with: paragraph)
        }
        for node in document.nodes.inlineHTML {
            guard let text = cmark_node_new(CMARK_NODE_TEXT) else { continue }
            cmark_node_set_literal(text, cmark_node_get_literal(node))
            document.replace(node, with: text)
        }
    }
}
