import CCmark

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One parsed cmark tree and the operations extensions need on it. Owns the tree: it is freed with
/// this object. Nodes never leave `PlaybookMarkdown`.
final class CmarkDocument {
    let root: OpaquePointer
    let options: MarkdownOptions
    /// The nodes extensions work on, collected in one walk right after parsing: a cmark iterator must
    /// not see the tree change under it. An extension that frees nodes runs after every extension that
    /// reads them (see `MarkdownRenderer.pageExtensions`).
    let nodes: Nodes

    struct Nodes {
        var links: [OpaquePointer] = []
        var codeBlocks: [OpaquePointer] = []
        var headings: [OpaquePointer] = []
        var firstParagraph: OpaquePointer?
        var lists: [OpaquePointer] = []
        var inlineHTML: [OpaquePointer] = []
        var blockHTML: [OpaquePointer] = []
        /// Text nodes that contain a `~`, for strikethrough.
        var tildeTexts: [OpaquePointer] = []
    }

    init(parsing markdown: String, options: MarkdownOptions) {
        var text = markdown
        let document = text.withUTF8 { buffer -> OpaquePointer? in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, options.cmarkValue)
            }
        }
        // cmark only returns nil when it cannot allocate; there is nothing sensible to do then.
        guard let document else { fatalError("cmark could not allocate a document") }
        root = document
        self.options = options
        nodes = Self.collect(in: document)
    }

    deinit { cmark_node_free(root) }

    private static func collect(in document: OpaquePointer) -> Nodes {
        var nodes = Nodes()
        guard let iterator = cmark_iter_new(document) else { return nodes }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: nodes.links.append(node)
            case CMARK_NODE_CODE_BLOCK: nodes.codeBlocks.append(node)
            case CMARK_NODE_HEADING: nodes.headings.append(node)
            case CMARK_NODE_LIST: nodes.lists.append(node)
            case CMARK_NODE_HTML_INLINE: nodes.inlineHTML.append(node)
            case CMARK_NODE_HTML_BLOCK: nodes.blockHTML.append(node)
            case CMARK_NODE_TEXT:
                if let literal = cmark_node_get_literal(node), strchr(literal, 0x7E) != nil { nodes.tildeTexts.append(node) }
            case CMARK_NODE_PARAGRAPH where nodes.firstParagraph == nil:
                if cmark_node_parent(node) == document { nodes.firstParagraph = node }
            default: break
            }
        }
        return nodes
    }

    /// True when the document opens with a level-1 heading.
    var startsWithTitle: Bool {
        guard let first = cmark_node_first_child(root) else { return false }
        return cmark_node_get_type(first) == CMARK_NODE_HEADING && cmark_node_get_heading_level(first) == 1
    }

    func renderHTML(_ node: OpaquePointer? = nil) -> String {
        guard let html = cmark_render_html(node ?? root, options.cmarkValue) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// Replaces a block with a custom block holding `html`: cmark emits its text even in safe mode.
    func replace(_ node: OpaquePointer, withHTML html: String) {
        guard let custom = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(custom, html)
        cmark_node_set_on_exit(custom, "")
        if cmark_node_replace(node, custom) == 1 {
            cmark_node_free(node)
        } else {
            cmark_node_free(custom)
        }
    }

    /// Replaces `node` with `replacement` and frees it (or frees the replacement when cmark refuses).
    func replace(_ node: OpaquePointer, with replacement: OpaquePointer) {
        if cmark_node_replace(node, replacement) == 1 { cmark_node_free(node) } else { cmark_node_free(replacement) }
    }

    func plainText(of root: OpaquePointer? = nil, keepingHTML: Bool = false) -> String {
        guard let iterator = cmark_iter_new(root ?? self.root) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_ENTER {
                switch type {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                    text += string(cmark_node_get_literal(node))
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    text += " "
                case CMARK_NODE_HTML_INLINE where keepingHTML, CMARK_NODE_HTML_BLOCK where keepingHTML:
                    // A field starting with `<script>` is an HTML block to cmark; as text it is kept whole.
                    text += string(cmark_node_get_literal(node)) + " "
                default: break
                }
            } else if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_ITEM {
                text += " "
            }
        }
        return MarkdownRenderer.collapsingWhitespace(text)
    }

    /// Inline nodes carry no position in cmark 0.30, so the nearest block's start line is used.
    func line(of node: OpaquePointer) -> Int {
        var current: OpaquePointer? = node
        while let candidate = current {
            let line = Int(cmark_node_get_start_line(candidate))
            if line > 0 { return line }
            current = cmark_node_parent(candidate)
        }
        return 1
    }

    /// Copies a borrowed `const char *` from cmark; never freed by us.
    func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
