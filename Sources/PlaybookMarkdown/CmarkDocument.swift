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
    /// The text cmark parsed (after `Footnotes` escaped definitions).
    let source: String
    /// Settings for the syntax extensions; nil for a one-line field, which runs none.
    let syntax: SyntaxSettings?
    private(set) lazy var lines = SourceLines(source)
    /// Problems syntax extensions found (an unknown callout type, a footnote without a definition).
    var problems: [MarkdownProblem] = []
    /// Ids syntax extensions gave out (footnotes); headings never take them.
    var generatedIDs: Set<String> = []
    /// Ids of blocks marked `^id` (`BlockIDs`), with the id prefix, in order.
    var blockIDs: [String] = []
    /// Tags written in the text (`#tag`, `InlineTags`), without their `#`, in order.
    var tags: [String] = []
    /// Paragraphs rendered without their `<p>` between `open` and `close` (table cells, callout titles),
    /// by `FlattenedParagraphs` once links and strikethrough are done.
    var flattened: [(paragraph: OpaquePointer, open: String, close: String)] = []
    /// The boxes holding other notes' text (`NoteEmbeds`): links, headings, task lists and blocks in
    /// them are the other note's, not this page's.
    var embedBodies: Set<OpaquePointer> = []
    /// Embedded images with a size and audio or video files, made into their elements once their
    /// links are rewritten (`EmbeddedMedia`).
    var media: [(node: OpaquePointer, kind: MediaEmbed)] = []
    /// Lines for nodes made from text parsed on its own (a table cell): their positions are not the page's.
    var lineOverrides: [OpaquePointer: Int] = [:]
    /// The nodes extensions work on, collected in one walk right after parsing: a cmark iterator must
    /// not see the tree change under it. An extension that frees nodes runs after every extension that
    /// reads them (see `MarkdownRenderer.pageExtensions`).
    private(set) var nodes = Nodes()

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

    /// Parses `markdown`; with `syntax`, runs the syntax extensions (`MarkdownRenderer.syntaxExtensions`)
    /// on the tree before its nodes are collected.
    init(parsing markdown: String, options: MarkdownOptions, syntax: SyntaxSettings? = nil) {
        var text = markdown
        var document = Self.parse(text, options: options)
        if syntax != nil, let escaped = Footnotes.escapingDefinitions(in: text, parsed: document) {
            cmark_node_free(document)
            text = escaped
            document = Self.parse(text, options: options)
        }
        root = document
        self.options = options
        self.syntax = syntax
        source = text
        if let settings = syntax {
            for extensionStep in MarkdownRenderer.syntaxExtensions where extensionStep.mayOccur(in: text) {
                extensionStep.rewrite(self, settings: settings)
            }
        }
        nodes = Self.collect(in: document)
    }

    deinit { cmark_node_free(root) }

    static func parse(_ markdown: String, options: MarkdownOptions) -> OpaquePointer {
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

    /// Parses each single-line text as a paragraph of its own, with this page's link reference
    /// definitions in scope, and returns the paragraphs unlinked (the caller owns them), or nil when
    /// cmark did not read them as one paragraph each.
    func parseParagraphs(_ texts: [String]) -> [OpaquePointer]? {
        // "x " keeps a text that starts like a block (`# `, `- `, `1.`) a paragraph; it is removed below.
        var markdown = texts.map { "x " + $0 }.joined(separator: "\n\n")
        if ByteSearch.contains(source, "]:") { markdown += "\n\n" + source }
        let helper = Self.parse(markdown, options: options)
        defer { cmark_node_free(helper) }
        var paragraphs: [OpaquePointer] = []
        var child = cmark_node_first_child(helper)
        while paragraphs.count < texts.count, let node = child, cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH {
            paragraphs.append(node)
            child = cmark_node_next(node)
        }
        guard paragraphs.count == texts.count else { return nil }
        for paragraph in paragraphs {
            cmark_node_unlink(paragraph)
            removeLeadingMarker(from: paragraph)
        }
        return paragraphs
    }

    /// Parses `markdown` (the page's text from line `line` on) as a document of its own and returns
    /// its top-level blocks, unlinked, every node in them marked with its own page line.
    func parseBlocks(_ markdown: String, startingAt line: Int) -> [OpaquePointer] {
        let helper = Self.parse(markdown, options: options)
        defer { cmark_node_free(helper) }
        var blocks: [OpaquePointer] = []
        while let node = cmark_node_first_child(helper) {
            cmark_node_unlink(node)
            setLines(startingAt: line, of: node)
            blocks.append(node)
        }
        return blocks
    }

    private func removeLeadingMarker(from paragraph: OpaquePointer) {
        guard let first = cmark_node_first_child(paragraph), cmark_node_get_type(first) == CMARK_NODE_TEXT else { return }
        let literal = string(cmark_node_get_literal(first))
        let rest = literal.hasPrefix("x ") ? String(literal.dropFirst(2)) : literal == "x" ? "" : literal
        if rest.isEmpty {
            cmark_node_unlink(first)
            cmark_node_free(first)
        } else {
            cmark_node_set_literal(first, rest)
        }
    }

    /// The nodes below `root` (itself included) for which `wanted` holds, in document order, collected
    /// before any is changed: a cmark iterator must not see the tree change under it.
    static func nodes(below root: OpaquePointer, where wanted: (OpaquePointer) -> Bool) -> [OpaquePointer] {
        var found: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(root) else { return found }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), wanted(node) { found.append(node) }
        }
        return found
    }

    /// The children of `parent`, in order, collected before any is moved.
    static func children(of parent: OpaquePointer) -> [OpaquePointer] {
        var children: [OpaquePointer] = []
        var child = cmark_node_first_child(parent)
        while let node = child {
            children.append(node)
            child = cmark_node_next(node)
        }
        return children
    }

    /// Makes the text node `node` one text node per piece of `pieces` (its text cut up), in order,
    /// the first being `node` itself; nothing changes for fewer than two pieces.
    static func replaceText(_ node: OpaquePointer, with pieces: [Substring]) {
        guard pieces.count > 1 else { return }
        cmark_node_set_literal(node, String(pieces[0]))
        var previous = node
        for piece in pieces.dropFirst() {
            guard let text = cmark_node_new(CMARK_NODE_TEXT) else { return }
            cmark_node_set_literal(text, String(piece))
            cmark_node_insert_after(previous, text)
            previous = text
        }
    }

    /// Marks `node` (made from text parsed on its own) as coming from `line` of the page.
    func setLine(_ line: Int, of node: OpaquePointer) { lineOverrides[node] = line }

    /// Whether `node` is inside another note shown on this page.
    func isInEmbed(_ node: OpaquePointer) -> Bool {
        guard !embedBodies.isEmpty else { return false }
        return Self.isBelow(node, where: embedBodies.contains)
    }

    /// Whether `node` or a node above it satisfies `test`.
    static func isBelow(_ node: OpaquePointer, where test: (OpaquePointer) -> Bool) -> Bool {
        var ancestor: OpaquePointer? = node
        while let candidate = ancestor {
            if test(candidate) { return true }
            ancestor = cmark_node_parent(candidate)
        }
        return false
    }

    /// Whether `node` or a block above it was parsed on its own (its positions are not the page's).
    func isParsedOnItsOwn(_ node: OpaquePointer) -> Bool { overriddenLine(of: node) != nil }

    /// The line recorded for `node` or the nearest node above it that was parsed on its own.
    private func overriddenLine(of node: OpaquePointer) -> Int? {
        guard !lineOverrides.isEmpty else { return nil }
        var ancestor: OpaquePointer? = node
        while let candidate = ancestor {
            if let line = lineOverrides[candidate] { return line }
            ancestor = cmark_node_parent(candidate)
        }
        return nil
    }

    /// Marks every node below `root` (made from text parsed on its own, whose first line is `base` of
    /// the page) with its own page line: a list item on the helper's third line is on `base + 2`.
    private func setLines(startingAt base: Int, of root: OpaquePointer) {
        for node in Self.nodes(below: root, where: { cmark_node_get_start_line($0) > 0 }) {
            lineOverrides[node] = base + Int(cmark_node_get_start_line(node)) - 1
        }
        if lineOverrides[root] == nil { lineOverrides[root] = base }
    }

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

    /// Marks `node` as one whose text `plainText` leaves out (a heading, once it carries its id).
    static func leaveOutOfText(_ node: OpaquePointer) {
        cmark_node_set_user_data(node, textless)
    }

    /// The user data of a node `plainText` skips: an address no other value has.
    private nonisolated(unsafe) static let textless = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)

    func plainText(of root: OpaquePointer? = nil, keepingHTML: Bool = false) -> String {
        guard let iterator = cmark_iter_new(root ?? self.root) else { return "" }
        defer { cmark_iter_free(iterator) }
        // cmark's literals go straight into one byte buffer, whitespace collapsed on the way.
        var text = CollapsedText()
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_ENTER {
                switch type {
                case CMARK_NODE_CUSTOM_BLOCK where cmark_node_get_user_data(node) == Self.textless:
                    cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
                case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                    text.append(cmark_node_get_literal(node))
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    text.appendSpace()
                case CMARK_NODE_HTML_INLINE where keepingHTML, CMARK_NODE_HTML_BLOCK where keepingHTML:
                    // A field starting with `<script>` is an HTML block to cmark; as text it is kept whole.
                    text.append(cmark_node_get_literal(node))
                    text.appendSpace()
                default: break
                }
            } else if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_ITEM {
                text.appendSpace()
            }
        }
        return text.string
    }

    /// The line of `node` in the page: the nearest block's start line (inline nodes carry none, or
    /// only some, in cmark 0.30), unless an extension recorded a line for a node above it that it
    /// parsed on its own (a table cell), whose positions are not the page's.
    func line(of node: OpaquePointer) -> Int {
        if let line = overriddenLine(of: node) { return line }
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
