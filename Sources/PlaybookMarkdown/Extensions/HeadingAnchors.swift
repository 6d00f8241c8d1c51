import CCmark

/// Gives every heading a unique id (cmark writes none), records the headings, and with `singleTitle`
/// demotes every level-1 heading but an opening one to level 2. Replaces the heading nodes, so it runs last.
/// The headings of an embedded note are the note's: they get no id and stay out of the page's contents.
struct HeadingAnchors: MarkdownExtension {
    func apply(to document: CmarkDocument, context: inout MarkdownContext) {
        var ids = HeadingIDs(reserved: context.reservedIDs, style: .github)
        let first = cmark_node_first_child(document.root)
        for node in document.nodes.headings {
            if document.isInEmbed(node) {
                if context.singleTitle && cmark_node_get_heading_level(node) == 1 { cmark_node_set_heading_level(node, 2) }
                continue
            }
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

    /// The heading becomes a custom block (which puts its line breaks where a heading's go) holding
    /// one custom inline with the tags, id included, around the heading's own inlines: cmark renders
    /// them with the rest of the page, and the heading is not rendered twice. Its text stays out of
    /// the page's plain text, as it did when the heading was replaced by its HTML.
    private func replaceHeading(_ node: OpaquePointer, id: String, in document: CmarkDocument) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        guard let tags = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else {
            cmark_node_free(block)
            return
        }
        let level = min(max(Int(cmark_node_get_heading_level(node)), 1), 6) - 1
        cmark_node_set_on_enter(block, "")
        cmark_node_set_on_exit(block, "")
        var open = HTMLBuilder(capacity: 64)
        open.append(Self.openings[level])
        open.appendEscaped(id)
        open.append("\">")
        open.withCString { cmark_node_set_on_enter(tags, $0) }
        cmark_node_set_on_exit(tags, Self.closings[level])
        while let child = cmark_node_first_child(node) { cmark_node_append_child(tags, child) }
        cmark_node_append_child(block, tags)
        document.replace(node, with: block)
        CmarkDocument.leaveOutOfText(block)
    }

    private static let openings: [StaticString] = ["<h1 id=\"", "<h2 id=\"", "<h3 id=\"", "<h4 id=\"", "<h5 id=\"", "<h6 id=\""]
    private static let closings = ["</h1>", "</h2>", "</h3>", "</h4>", "</h5>", "</h6>"]
}
