import CCmark

/// Records every link and image of the page and lets the `rewriteLink` hook give it a new destination.
struct LinkRewriting: MarkdownExtension {
    func apply(to document: CmarkDocument, context: inout MarkdownContext) {
        for node in document.nodes.links {
            let reference = LinkReference(
                destination: document.string(cmark_node_get_url(node)), line: document.line(of: node),
                isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE, isInEmbed: document.isInEmbed(node))
            context.links.append(reference)
            if let newURL = context.hooks.rewriteLink?(reference) {
                cmark_node_set_url(node, newURL)
                // cmark renders no `data:` SVG (a one-file export inlines images so): `EmbeddedMedia` does.
                if reference.isImage, newURL.hasPrefix("data:image/svg+xml"), !document.media.contains(where: { $0.node == node }) {
                    document.media.append((node, .image(width: nil, height: nil)))
                }
            }
        }
    }
}
