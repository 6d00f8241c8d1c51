import CCmark

/// Shows embedded notes (`![[Note]]`, `![[Note#Heading]]`, `![[Note#^id]]`) in place: the note's text,
/// its section or its block, parsed as a document of its own and moved into a box that links to the
/// note. The note's relative links are made root-relative (they are written from its folder), its
/// `#fragment` links point at the note's page, and its wikilinks and embeds are resolved as the note
/// resolves them (`NoteEmbed.hooks`). An embed that shows a note already being shown (a cycle) or
/// lies deeper than `depthLimit` stays a link, with a warning at the page's embed. An embed inside a
/// sentence splits its paragraph, as Obsidian shows it; in a table cell it stays a link.
struct NoteEmbeds {
    let document: CmarkDocument
    let settings: SyntaxSettings

    /// Notes shown inside notes, at most this deep.
    static let depthLimit = 4

    /// Puts each note in place of its link (made by `Wikilinks`, in document order).
    func show(_ embeds: [(node: OpaquePointer, link: Wikilink)]) {
        for (number, (node, link)) in embeds.enumerated() {
            guard let paragraph = cmark_node_parent(node), canHoldBlocks(paragraph), let embed = settings.embedNote?(link) else { continue }
            let chain = settings.embedChain
            if chain.contains(embed.path) {
                let cycle = (chain.drop { $0 != embed.path } + [embed.path]).joined(separator: " → ")
                document.problems.append(MarkdownProblem(kind: .embed, line: link.line, message: "embed cycle (\(cycle)): shown as a link"))
                continue
            }
            if chain.count >= Self.depthLimit {
                let message = "embeds nested more than \(Self.depthLimit) deep (\((chain + [embed.path]).joined(separator: " → "))): shown as a link"
                document.problems.append(MarkdownProblem(kind: .embed, line: link.line, message: message))
                continue
            }
            var inner = SyntaxSettings(idPrefix: settings.idPrefix + "e\(number + 1)-", hooks: embed.hooks)
            inner.embedChain = chain + [embed.path]
            let note = CmarkDocument(parsing: embed.markdown, options: document.options, syntax: inner)
            // Cycles and depth found further in are this page's problems too, at this embed.
            for problem in note.problems where problem.kind == .embed {
                document.problems.append(MarkdownProblem(kind: .embed, line: link.line, message: problem.message))
            }
            guard let shown = selection(of: link, in: note, idPrefix: inner.idPrefix) else { continue }
            place(shown, from: note, embed: embed, link: link, at: node)
        }
    }

    /// Paragraphs directly in the page, a quote, a list item or a callout; not table cells.
    private func canHoldBlocks(_ paragraph: OpaquePointer) -> Bool {
        guard cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH, let parent = cmark_node_parent(paragraph) else { return false }
        guard !document.flattened.contains(where: { $0.paragraph == paragraph }) else { return false }
        let type = cmark_node_get_type(parent)
        return type == CMARK_NODE_DOCUMENT || type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_ITEM || type == CMARK_NODE_CUSTOM_BLOCK
    }

    /// The blocks the embed shows: the whole note, the section under a heading (to the next heading
    /// of its level or above), or the block marked `^id` (a list item's content). Nil when the heading
    /// or block is not there: the embed stays a link, which the page's link check reports.
    private func selection(of link: Wikilink, in note: CmarkDocument, idPrefix: String) -> [OpaquePointer]? {
        let blocks = CmarkDocument.children(of: note.root)
        guard let anchor = link.anchor else { return blocks }
        if anchor.hasPrefix("^") {
            let marker = "<span id=\"\(idPrefix)\(anchor)\"></span>"
            let marked = CmarkDocument.nodes(below: note.root) { node in
                cmark_node_get_type(node) == CMARK_NODE_CUSTOM_INLINE && note.string(cmark_node_get_on_enter(node)) == marker
            }
            guard let span = marked.first, let paragraph = cmark_node_parent(span) else { return nil }
            if let item = cmark_node_parent(paragraph), cmark_node_get_type(item) == CMARK_NODE_ITEM { return CmarkDocument.children(of: item) }
            return [paragraph]
        }
        guard
            let start = blocks.firstIndex(where: {
                cmark_node_get_type($0) == CMARK_NODE_HEADING && HeadingIDs.githubSlug(note.plainText(of: $0)) == anchor
            })
        else { return nil }
        let level = cmark_node_get_heading_level(blocks[start])
        let end =
            blocks[(start + 1)...].firstIndex { cmark_node_get_type($0) == CMARK_NODE_HEADING && cmark_node_get_heading_level($0) <= level }
            ?? blocks.endIndex
        return Array(blocks[start..<end])
    }

    /// Replaces the embed's link `node` with a box holding `blocks` (moved out of `note`), splitting
    /// its paragraph around it.
    private func place(_ blocks: [OpaquePointer], from note: CmarkDocument, embed: NoteEmbed, link: Wikilink, at node: OpaquePointer) {
        guard let paragraph = cmark_node_parent(node), let box = Self.block("<div class=\"pb-embed\">", "</div>"),
            let source = Self.block("<div class=\"pb-embed-source\">", "</div>"), let body = Self.block("<div class=\"pb-embed-body\">", "</div>"),
            let sourceParagraph = cmark_node_new(CMARK_NODE_PARAGRAPH), let rest = cmark_node_new(CMARK_NODE_PARAGRAPH)
        else { return }
        // The paragraph is cut at the link: what follows it goes after the box.
        while let next = cmark_node_next(node) { cmark_node_append_child(rest, next) }
        cmark_node_insert_after(paragraph, box)
        cmark_node_insert_after(box, rest)
        // The link (to the note) heads the box, under the note's title unless the embed gives text.
        if link.label == nil || Wikilinks.isSize(link.label ?? ""), let title = Wikilinks.text(embed.title) {
            while let child = cmark_node_first_child(node) {
                cmark_node_unlink(child)
                cmark_node_free(child)
            }
            cmark_node_append_child(node, title)
        }
        cmark_node_append_child(sourceParagraph, node)
        cmark_node_append_child(source, sourceParagraph)
        cmark_node_append_child(box, source)
        cmark_node_append_child(box, body)
        for block in blocks { cmark_node_append_child(body, block) }
        rebaseLinks(below: body, from: note, embed: embed)
        document.embedBodies.insert(body)
        document.setLine(link.line, of: box)
        // What the note's extensions recorded stays with the nodes that moved here.
        let moved = { (node: OpaquePointer) in CmarkDocument.isBelow(node) { $0 == body } }
        document.flattened += note.flattened.filter { moved($0.paragraph) }
        document.media += note.media.filter { moved($0.node) }
        document.embedBodies.formUnion(note.embedBodies.filter(moved))
        document.generatedIDs.formUnion(note.generatedIDs)
        Self.trimBreaks(paragraph, fromEnd: true)
        Self.trimBreaks(rest, fromEnd: false)
        for emptied in [paragraph, rest] where Self.isBlank(emptied) {
            cmark_node_unlink(emptied)
            cmark_node_free(emptied)
        }
    }

    /// The note's links as the page must write them: relative ones from the note's folder, `#fragment`
    /// ones to the note's page.
    private func rebaseLinks(below body: OpaquePointer, from note: CmarkDocument, embed: NoteEmbed) {
        let links = CmarkDocument.nodes(below: body) { [CMARK_NODE_LINK, CMARK_NODE_IMAGE].contains(cmark_node_get_type($0)) }
        for link in links {
            let url = note.string(cmark_node_get_url(link))
            guard let first = url.utf8.first, first != UInt8(ascii: "/") else { continue }
            if first == UInt8(ascii: "#") {
                cmark_node_set_url(link, embed.destination + url)
                continue
            }
            // A scheme (`https:`, `mailto:`) before any `/`, `?` or `#`: not a path.
            if let colon = url.utf8.firstIndex(of: UInt8(ascii: ":")),
                !url.utf8[..<colon].contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") })
            {
                continue
            }
            cmark_node_set_url(link, embed.folder + url)
        }
    }

    private static func block(_ open: String, _ close: String) -> OpaquePointer? {
        guard let node = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return nil }
        cmark_node_set_on_enter(node, open)
        cmark_node_set_on_exit(node, close)
        return node
    }

    /// Whether a paragraph holds nothing but spaces and line breaks.
    private static func isBlank(_ paragraph: OpaquePointer) -> Bool {
        CmarkDocument.children(of: paragraph).allSatisfy { child in
            switch cmark_node_get_type(child) {
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: return true
            case CMARK_NODE_TEXT:
                guard let literal = cmark_node_get_literal(child) else { return true }
                return String(cString: literal).allSatisfy { $0 == " " || $0 == "\t" }
            default: return false
            }
        }
    }

    /// Removes the line breaks and spaces a cut left at a paragraph's end (or start).
    private static func trimBreaks(_ paragraph: OpaquePointer, fromEnd: Bool) {
        while let edge = fromEnd ? cmark_node_last_child(paragraph) : cmark_node_first_child(paragraph),
            [CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK].contains(cmark_node_get_type(edge))
        {
            cmark_node_unlink(edge)
            cmark_node_free(edge)
        }
        guard let edge = fromEnd ? cmark_node_last_child(paragraph) : cmark_node_first_child(paragraph),
            cmark_node_get_type(edge) == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(edge)
        else { return }
        let text = String(cString: literal)
        let isSpace = { (character: Character) in character == " " || character == "\t" }
        let trimmed = fromEnd ? String(text.reversed().drop(while: isSpace).reversed()) : String(text.drop(while: isSpace))
        if trimmed != text { cmark_node_set_literal(edge, trimmed) }
    }
}
