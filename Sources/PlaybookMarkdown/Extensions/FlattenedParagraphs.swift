import CCmark

/// Renders the paragraphs syntax extensions marked (table cells, callout titles) without their `<p>`,
/// between the tags they asked for. Runs after the extensions that rewrite links and strike text
/// through inside them, and before `HeadingAnchors`; their text still goes to search.
struct FlattenedParagraphs: MarkdownExtension {
    func apply(to document: CmarkDocument, context: inout MarkdownContext) {
        for (paragraph, open, close) in document.flattened {
            var html = open
            var child = cmark_node_first_child(paragraph)
            while let node = child {
                html += document.renderHTML(node)
                child = cmark_node_next(node)
            }
            let text = document.plainText(of: paragraph)
            if !text.isEmpty { context.extraText.append(text) }
            document.replace(paragraph, withHTML: html + close)
        }
    }
}
