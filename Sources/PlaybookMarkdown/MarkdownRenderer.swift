import CCmark

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Renders CommonMark with libcmark. The only type that touches cmark nodes.
public struct MarkdownRenderer: Sendable {
    public var options: MarkdownOptions
    /// Ids the renderer never gives a heading (the theme's own element ids).
    public var reservedIDs: Set<String>
    /// Put before every heading id (`p3-` in a one-file export, so ids stay unique across pages).
    public var idPrefix = ""
    /// Keeps one `<h1>` a page: level-1 headings other than an opening one are rendered as `<h2>`
    /// (the page template supplies the `<h1>` when the body does not open with one).
    public var singleTitle = false

    public init(options: MarkdownOptions = [.smartPunctuation], reservedIDs: Set<String> = []) {
        self.options = options
        self.reservedIDs = reservedIDs
    }

    /// Parses `markdown`, lets `hooks` rewrite links and code blocks, gives headings ids, renders HTML.
    public func render(_ markdown: String, hooks: MarkdownHooks = MarkdownHooks()) -> RenderedMarkdown {
        let document = parse(markdown)
        defer { cmark_node_free(document) }

        let nodes = collectNodes(in: document)
        let summary = nodes.firstParagraph.map { plainText(of: $0) } ?? ""
        let first = cmark_node_first_child(document)
        let startsWithTitle =
            first.map { cmark_node_get_type($0) == CMARK_NODE_HEADING && cmark_node_get_heading_level($0) == 1 }
            ?? false
        var links: [LinkReference] = []
        for node in nodes.links {
            let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
            let reference = LinkReference(
                destination: string(cmark_node_get_url(node)), line: line(of: node), isImage: isImage)
            links.append(reference)
            if let newURL = hooks.rewriteLink?(reference) {
                cmark_node_set_url(node, newURL)
            }
        }
        if let replace = hooks.replaceCodeBlock {
            for node in nodes.codeBlocks {
                let info = string(cmark_node_get_fence_info(node))
                let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
                let block = CodeBlock(
                    language: language, info: info, literal: string(cmark_node_get_literal(node)),
                    line: Int(cmark_node_get_start_line(node)))
                if let html = replace(block) {
                    replaceNode(node, withHTML: html)
                }
            }
        }
        if let taskList = hooks.taskList {
            for list in nodes.lists { convertTaskList(list, hook: taskList) }
        }
        var ids = HeadingIDs(reserved: reservedIDs)
        var headings: [Heading] = []
        var firstTitle: String?
        for node in nodes.headings {
            let text = plainText(of: node)
            var level = Int(cmark_node_get_heading_level(node))
            if level == 1 {
                if firstTitle == nil { firstTitle = text }
                let opensDocument = startsWithTitle && node == first
                if singleTitle && !opensDocument {
                    level = 2
                    cmark_node_set_heading_level(node, 2)
                }
            }
            let heading = Heading(level: level, text: text, id: idPrefix + ids.id(for: text), line: line(of: node))
            headings.append(heading)
            replaceHeading(node, id: heading.id)
        }
        return RenderedMarkdown(
            html: renderHTML(document), headings: headings, links: links,
            firstTitle: firstTitle, startsWithTitle: startsWithTitle,
            firstParagraph: summary, plainText: plainText(of: document))
    }

    /// Renders a short text (a table cell, a label) as inline HTML, without the wrapping `<p>`.
    ///
    /// Unless raw HTML is allowed, inline HTML such as `<b>` is shown as text rather than dropped,
    /// so a value like `<script>` in a data field stays visible (and harmless).
    public func renderInline(_ markdown: String, hooks: MarkdownHooks = MarkdownHooks()) -> String {
        if Self.isPlainText(markdown) { return markdown }
        let document = parse(markdown)
        defer { cmark_node_free(document) }
        if !options.contains(.allowRawHTML) {
            let nodes = collectNodes(in: document)
            for node in nodes.blockHTML {
                guard let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH), let text = cmark_node_new(CMARK_NODE_TEXT) else { continue }
                var literal = string(cmark_node_get_literal(node))
                while literal.last == "\n" { literal.removeLast() }
                cmark_node_set_literal(text, literal)
                cmark_node_append_child(paragraph, text)
                if cmark_node_replace(node, paragraph) == 1 { cmark_node_free(node) } else { cmark_node_free(paragraph) }
            }
            for node in nodes.inlineHTML {
                guard let text = cmark_node_new(CMARK_NODE_TEXT) else { continue }
                cmark_node_set_literal(text, cmark_node_get_literal(node))
                if cmark_node_replace(node, text) == 1 { cmark_node_free(node) } else { cmark_node_free(text) }
            }
        }
        if let rewrite = hooks.rewriteLink {
            for node in collectNodes(in: document).links {
                let reference = LinkReference(
                    destination: string(cmark_node_get_url(node)), line: line(of: node),
                    isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE)
                if let newURL = rewrite(reference) { cmark_node_set_url(node, newURL) }
            }
        }
        guard let paragraph = cmark_node_first_child(document),
            cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
            cmark_node_next(paragraph) == nil
        else {
            return renderHTML(document)
        }
        var html = ""
        var child = cmark_node_first_child(paragraph)
        while let node = child {
            html += renderHTML(node)
            child = cmark_node_next(node)
        }
        return html
    }

    /// The plain text of `markdown` with all markup removed (for summaries and search).
    public func plainText(_ markdown: String) -> String {
        if Self.isPlainText(markdown) { return markdown }
        let document = parse(markdown)
        defer { cmark_node_free(document) }
        return plainText(of: document)
    }

    /// The plain text of a one-line field as `renderInline` shows it: without raw HTML allowed, a
    /// tag-like `<one>` (or a field that starts with an HTML tag) is text and kept; with it allowed,
    /// tags are markup and dropped.
    public func plainInlineText(_ markdown: String) -> String {
        if Self.isPlainText(markdown) { return markdown }
        let document = parse(markdown)
        defer { cmark_node_free(document) }
        return plainText(of: document, keepingHTML: !options.contains(.allowRawHTML))
    }

    /// True when cmark would render `text` as itself: one line of letters, digits, single spaces and
    /// punctuation that starts no Markdown construct, smart punctuation or HTML escape. Block fields
    /// (a KPI's name, a risk's owner) mostly are, and a data file may hold hundreds of thousands.
    static func isPlainText(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last, first != 0x20, last != 0x20 else { return false }
        // A leading digit could start an ordered list; a leading letter starts nothing.
        guard first >= 0x80 || (first | 0x20 >= UInt8(ascii: "a") && first | 0x20 <= UInt8(ascii: "z")) else { return false }
        var previousSpace = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: ","), UInt8(ascii: "%"), UInt8(ascii: "/"), UInt8(ascii: ";"), UInt8(ascii: "?"), UInt8(ascii: "@"),
                UInt8(ascii: ":"), 0x80...0xFF:
                previousSpace = false
            case 0x20:
                // Two spaces are kept by cmark too, but before a line end they would mean a break.
                if previousSpace { return false }
                previousSpace = true
            default:
                return false
            }
        }
        return true
    }

    // MARK: - cmark plumbing

    private func parse(_ markdown: String) -> OpaquePointer {
        var text = markdown
        let document = text.withUTF8 { buffer -> OpaquePointer? in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, options.cmarkValue)
            }
        }
        // cmark only returns nil when it cannot allocate; there is nothing sensible to do then.
        guard let document else { fatalError("cmark could not allocate a document") }
        return document
    }

    private func renderHTML(_ node: OpaquePointer) -> String {
        guard let html = cmark_render_html(node, options.cmarkValue) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    private struct CollectedNodes {
        var links: [OpaquePointer] = []
        var codeBlocks: [OpaquePointer] = []
        var headings: [OpaquePointer] = []
        var firstParagraph: OpaquePointer?
        var lists: [OpaquePointer] = []
        var inlineHTML: [OpaquePointer] = []
        var blockHTML: [OpaquePointer] = []
    }

    /// Collects the nodes to change first: cmark iterators must not see the tree change under them.
    private func collectNodes(in document: OpaquePointer) -> CollectedNodes {
        var nodes = CollectedNodes()
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
            case CMARK_NODE_PARAGRAPH where nodes.firstParagraph == nil:
                if cmark_node_parent(node) == document { nodes.firstParagraph = node }
            default: break
            }
        }
        return nodes
    }

    /// Replaces a block with a custom block: cmark emits its text even in safe mode.
    private func replaceNode(_ node: OpaquePointer, withHTML html: String) {
        guard let custom = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(custom, html)
        cmark_node_set_on_exit(custom, "")
        if cmark_node_replace(node, custom) == 1 {
            cmark_node_free(node)
        } else {
            cmark_node_free(custom)
        }
    }

    /// The paragraph and leading text node of a list item that starts with `[ ] ` or `[x] `.
    private func taskMarker(of item: OpaquePointer) -> (paragraph: OpaquePointer, checked: Bool)? {
        guard let paragraph = cmark_node_first_child(item), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
            let first = cmark_node_first_child(paragraph), cmark_node_get_type(first) == CMARK_NODE_TEXT
        else { return nil }
        // cmark splits "[ ] text" into the text nodes "[", " ] text" (brackets are link openers), so
        // the marker is read across the leading text nodes.
        var prefix = ""
        var node: OpaquePointer? = first
        while let current = node, cmark_node_get_type(current) == CMARK_NODE_TEXT, prefix.count < 4 {
            prefix += string(cmark_node_get_literal(current))
            node = cmark_node_next(current)
        }
        if prefix.hasPrefix("[ ] ") || prefix == "[ ]" { return (paragraph, false) }
        if prefix.hasPrefix("[x] ") || prefix.hasPrefix("[X] ") || prefix == "[x]" || prefix == "[X]" { return (paragraph, true) }
        return nil
    }

    /// Removes the `[ ] ` marker from the paragraph's leading text nodes.
    private func stripMarker(from paragraph: OpaquePointer) {
        var remaining = 4
        while remaining > 0, let node = cmark_node_first_child(paragraph), cmark_node_get_type(node) == CMARK_NODE_TEXT {
            let literal = string(cmark_node_get_literal(node))
            if literal.count <= remaining {
                remaining -= literal.count
                cmark_node_unlink(node)
                cmark_node_free(node)
            } else {
                cmark_node_set_literal(node, String(literal.dropFirst(remaining)))
                remaining = 0
            }
        }
    }

    private func convertTaskList(_ list: OpaquePointer, hook: (TaskList) -> TaskListMarkup?) {
        var tasks: [(item: OpaquePointer, paragraph: OpaquePointer, checked: Bool)] = []
        var child = cmark_node_first_child(list)
        while let item = child {
            if let marker = taskMarker(of: item) { tasks.append((item, marker.paragraph, marker.checked)) }
            child = cmark_node_next(item)
        }
        guard !tasks.isEmpty else { return }
        for task in tasks { stripMarker(from: task.paragraph) }
        let description = TaskList(
            items: tasks.map { TaskList.Item(checked: $0.checked, text: plainText(of: $0.paragraph), line: line(of: $0.item)) },
            line: line(of: list))
        guard let markup = hook(description), markup.itemOpen.count == tasks.count else { return }
        for (task, open) in zip(tasks, markup.itemOpen) {
            guard let label = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
            cmark_node_set_on_enter(label, open)
            cmark_node_set_on_exit(label, markup.itemClose)
            while let inline = cmark_node_first_child(task.paragraph) {
                cmark_node_unlink(inline)
                cmark_node_append_child(label, inline)
            }
            cmark_node_append_child(task.paragraph, label)
        }
        guard let wrapper = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(wrapper, markup.before)
        cmark_node_set_on_exit(wrapper, markup.after)
        cmark_node_insert_before(list, wrapper)
        cmark_node_unlink(list)
        cmark_node_append_child(wrapper, list)
    }

    /// cmark's renderer writes no heading ids, so the heading is rendered alone and re-emitted with one.
    private func replaceHeading(_ node: OpaquePointer, id: String) {
        let html = renderHTML(node)
        let tag = "<h\(cmark_node_get_heading_level(node))"
        guard html.hasPrefix(tag) else { return }
        let withID = tag + " id=\"\(id.htmlAttributeEscaped)\"" + html.dropFirst(tag.count)
        replaceNode(node, withHTML: withID.hasSuffix("\n") ? String(withID.dropLast()) : withID)
    }

    private func plainText(of root: OpaquePointer, keepingHTML: Bool = false) -> String {
        guard let iterator = cmark_iter_new(root) else { return "" }
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
        return Self.collapsingWhitespace(text)
    }

    /// Runs of spaces, tabs and line breaks become one space; no space at either end. Works on bytes:
    /// this runs over every page's whole text.
    static func collapsingWhitespace(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 32 || byte == 10 || byte == 9 || byte == 13 {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(32) }
                pendingSpace = false
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Inline nodes carry no position in cmark 0.30, so the nearest block's start line is used.
    private func line(of node: OpaquePointer) -> Int {
        var current: OpaquePointer? = node
        while let candidate = current {
            let line = Int(cmark_node_get_start_line(candidate))
            if line > 0 { return line }
            current = cmark_node_parent(candidate)
        }
        return 1
    }

    /// Copies a borrowed `const char *` from cmark; never freed by us.
    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
