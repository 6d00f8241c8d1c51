import CCmark

/// Gives every heading a unique id (cmark writes none), records the headings, and with `singleTitle`
/// demotes every level-1 heading but an opening one to level 2. Replaces the heading nodes, so it runs last.
struct HeadingAnchors: MarkdownExtension {
    func apply(to document: CmarkDocument, context: inout MarkdownContext) {
        var ids = HeadingIDs(reserved: context.reservedIDs)
        let first = cmark_node_first_child(document.root)
        for node in document.nodes.headings {
            let text = document.plainText(of: node)
            var level = Int(cmark_node_get_heading_level(node))
            if level == 1 {
                if context.firstTitle == nil { context.firstTitle = text }
                let opensDocument = context.startsWithTitle && node == first
                if context.singleTitle && !opensDocument {
                    level = 2
                    cmark_node_set_heading_level(node, 2)
                }
            }
            let heading = Heading(level: level, text: text, id: context.idPrefix + ids.id(for: text), line: document.line(of: node))
            context.headings.append(heading)
            replaceHeading(node, id: heading.id, in: document)
        }
    }

    /// The heading is rendered alone and re-emitted with its id.
    private func replaceHeading(_ node: OpaquePointer, id: String, in document: CmarkDocument) {
        let html = document.renderHTML(node)
        let tag = "<h\(cmark_node_get_heading_level(node))"
        guard html.hasPrefix(tag) else { return }
        // Spliced as UTF-8: cmark's `<hN>…</hN>\n` ends in a line break, which is dropped.
        let utf8 = html.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: tag.utf8.count)
        let end = utf8.last == 10 ? utf8.index(before: utf8.endIndex) : utf8.endIndex
        var withID = tag
        withID += " id=\""
        withID += id.htmlAttributeEscaped
        withID += "\""
        withID += html[start..<end]
        document.replace(node, withHTML: withID)
    }
}
