import CCmark

/// Footnotes: `text[^label]` with a definition `[^label]: note` anywhere on the page (lines indented
/// under it, and indented blocks after it, belong to the note). Notes are numbered in the order of
/// their first reference and listed at the end of the page with links back to each reference. Ids
/// are `fn-N` and `fnref-N` after the page's id prefix, so they stay unique inside the one-file
/// export. A reference without a definition is reported like a broken link and kept as text; an
/// unused or repeated definition is a warning. See `escapingDefinitions` for why definitions are
/// escaped before parsing.
struct Footnotes: MarkdownSyntax {
    func mayOccur(in source: String) -> Bool { ByteSearch.contains(source, "[^") }

    /// A definition taken out of the tree: its label, line and blocks (unlinked, owned until placed).
    final class Note {
        let label: String
        let line: Int
        var blocks: [OpaquePointer]
        var number = 0
        var references = 0
        init(label: String, line: Int, blocks: [OpaquePointer]) {
            self.label = label
            self.line = line
            self.blocks = blocks
        }
    }

    func rewrite(_ document: CmarkDocument, settings: SyntaxSettings) {
        cmark_consolidate_text_nodes(document.root)
        var notes: [String: Note] = [:]
        for note in takeDefinitions(from: document) {
            let key = note.label.lowercased()
            if notes[key] != nil {
                document.problems.append(
                    MarkdownProblem(
                        kind: .warning, line: note.line, message: "footnote '[^\(note.label)]' is defined twice; the first definition is used"))
                for block in note.blocks { cmark_node_free(block) }
            } else {
                notes[key] = note
            }
        }
        var numbered: [Note] = []
        let prefix = settings.idPrefix
        func reference(_ label: String, line: Int) -> String? {
            guard let note = notes[label.lowercased()] else {
                document.problems.append(
                    MarkdownProblem(kind: .brokenReference, line: line, message: "footnote reference '[^\(label)]' has no definition"))
                return nil
            }
            if note.number == 0 {
                numbered.append(note)
                note.number = numbered.count
            }
            note.references += 1
            let id = note.references == 1 ? "fnref-\(note.number)" : "fnref-\(note.number)-\(note.references)"
            document.generatedIDs.insert(id)
            return
                "<sup class=\"footnote-ref\"><a href=\"#\(prefix)fn-\(note.number)\" id=\"\(prefix)\(id)\" role=\"doc-noteref\">\(note.number)</a></sup>"
        }
        replaceReferences(below: [document.root], in: document, with: reference)
        // References inside notes number the notes they point to too (and may add notes to the list).
        var index = 0
        while index < numbered.count {
            replaceReferences(below: numbered[index].blocks, in: document, with: reference)
            index += 1
        }
        for note in notes.values where note.number == 0 {
            document.problems.append(
                MarkdownProblem(
                    kind: .warning, line: note.line, message: "footnote '[^\(note.label)]' is defined but never referenced; it is not shown"))
            for block in note.blocks { cmark_node_free(block) }
        }
        appendSection(numbered, prefix: prefix, to: document)
    }

    /// Takes every definition paragraph (or the part of a paragraph from a definition line on) out of the tree.
    private func takeDefinitions(from document: CmarkDocument) -> [Note] {
        let paragraphs = CmarkDocument.nodes(below: document.root) { cmark_node_get_type($0) == CMARK_NODE_PARAGRAPH }
        var notes: [Note] = []
        for paragraph in paragraphs { notes += split(paragraph, in: document) }
        return notes
    }

    /// The notes that start in `paragraph`: at its start, or after a line break.
    private func split(_ paragraph: OpaquePointer, in document: CmarkDocument) -> [Note] {
        var starts: [(node: OpaquePointer, label: String, length: Int, line: Int)] = []
        var child = cmark_node_first_child(paragraph)
        var atLineStart = true
        var breaks = 0
        while let node = child {
            let type = cmark_node_get_type(node)
            if atLineStart, type == CMARK_NODE_TEXT {
                let literal = Array(document.string(cmark_node_get_literal(node)).utf8)
                if let (label, length) = Self.definitionLabel(in: literal[...]) { starts.append((node, label, length, breaks)) }
            }
            atLineStart = type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK
            if atLineStart { breaks += 1 }
            child = cmark_node_next(node)
        }
        guard !starts.isEmpty else { return [] }
        let line = document.line(of: paragraph)
        var notes: [Note] = []
        for (position, start) in starts.enumerated().reversed() {
            guard let content = cmark_node_new(CMARK_NODE_PARAGRAPH) else { continue }
            // Everything from this definition's text node to the next definition (or the end) moves.
            var node: OpaquePointer? = start.node
            while let current = node, position + 1 >= starts.count || current != starts[position + 1].node {
                node = cmark_node_next(current)
                cmark_node_unlink(current)
                cmark_node_append_child(content, current)
            }
            // The line break before the definition stays behind: drop it.
            Self.dropIfBreak(cmark_node_last_child(paragraph))
            Self.dropIfBreak(cmark_node_last_child(content))
            let literal = Array(document.string(cmark_node_get_literal(start.node)).utf8)
            var rest = literal.dropFirst(start.length)
            while let first = rest.first, first == 32 || first == 9 { rest = rest.dropFirst() }
            if rest.isEmpty {
                cmark_node_unlink(start.node)
                cmark_node_free(start.node)
            } else {
                cmark_node_set_literal(start.node, String(decoding: rest, as: UTF8.self))
            }
            Self.dropIfBreak(cmark_node_first_child(content))
            document.setLine(line + start.line, of: content)
            var blocks = cmark_node_first_child(content) == nil ? [] : [content]
            if blocks.isEmpty { cmark_node_free(content) }
            // Indented blocks after the last definition of a paragraph belong to it (read as Markdown).
            if position == starts.count - 1 { blocks += indentedContinuation(after: paragraph, in: document) }
            notes.insert(Note(label: start.label, line: line + start.line, blocks: blocks), at: 0)
        }
        if cmark_node_first_child(paragraph) == nil {
            cmark_node_unlink(paragraph)
            cmark_node_free(paragraph)
        }
        return notes
    }

    /// Removes and frees `node` when it is a soft or hard line break.
    private static func dropIfBreak(_ node: OpaquePointer?) {
        guard let node, [CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK].contains(cmark_node_get_type(node)) else { return }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// Indented code blocks right after a definition are the rest of its note, parsed as Markdown.
    private func indentedContinuation(after paragraph: OpaquePointer, in document: CmarkDocument) -> [OpaquePointer] {
        var blocks: [OpaquePointer] = []
        while let next = cmark_node_next(paragraph), cmark_node_get_type(next) == CMARK_NODE_CODE_BLOCK {
            let line = Int(cmark_node_get_start_line(next))
            let opening = document.lines.content(of: line, quotes: 0)
            if opening.starts(with: Array("```".utf8)) || opening.starts(with: Array("~~~".utf8)) { break }
            for block in document.parseBlocks(document.string(cmark_node_get_literal(next)), startingAt: line) {
                blocks.append(block)
            }
            cmark_node_unlink(next)
            cmark_node_free(next)
        }
        return blocks
    }

    /// Replaces each `[^label]` in text nodes below `roots` (not inside links) with what `reference` returns.
    private func replaceReferences(below roots: [OpaquePointer], in document: CmarkDocument, with reference: (String, Int) -> String?) {
        let texts = roots.flatMap { root in
            CmarkDocument.nodes(below: root) { node in
                cmark_node_get_type(node) == CMARK_NODE_TEXT && ByteSearch.contains(document.string(cmark_node_get_literal(node)), "[^")
                    && !isInsideLink(node)
            }
        }
        for text in texts {
            let bytes = Array(document.string(cmark_node_get_literal(text)).utf8)
            let line = document.line(of: text)
            var pieces: [(text: [UInt8], html: String?)] = []
            var plain: [UInt8] = []
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "["), let (label, length) = Self.referenceLabel(in: bytes[index...]),
                    let html = reference(label, line)
                {
                    pieces.append((plain, nil))
                    pieces.append(([], html))
                    plain = []
                    index += length
                } else {
                    plain.append(bytes[index])
                    index += 1
                }
            }
            guard pieces.contains(where: { $0.html != nil }) else { continue }
            pieces.append((plain, nil))
            var previous = text
            for piece in pieces {
                let node: OpaquePointer?
                if let html = piece.html {
                    node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
                    if let node {
                        cmark_node_set_on_enter(node, html)
                        cmark_node_set_on_exit(node, "")
                    }
                } else if !piece.text.isEmpty {
                    node = cmark_node_new(CMARK_NODE_TEXT)
                    if let node { cmark_node_set_literal(node, String(decoding: piece.text, as: UTF8.self)) }
                } else {
                    node = nil
                }
                guard let node else { continue }
                cmark_node_insert_after(previous, node)
                previous = node
            }
            cmark_node_unlink(text)
            cmark_node_free(text)
        }
    }

    private func isInsideLink(_ node: OpaquePointer) -> Bool {
        var current = cmark_node_parent(node)
        while let parent = current {
            let type = cmark_node_get_type(parent)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { return true }
            current = cmark_node_parent(parent)
        }
        return false
    }

    /// The list of notes at the end of the page, each with links back to its references.
    private func appendSection(_ notes: [Note], prefix: String, to document: CmarkDocument) {
        guard !notes.isEmpty, let section = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(section, "<section class=\"footnotes\" role=\"doc-endnotes\" aria-label=\"Footnotes\">\n<ol>")
        cmark_node_set_on_exit(section, "</ol>\n</section>")
        for note in notes {
            guard let item = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            document.generatedIDs.insert("fn-\(note.number)")
            cmark_node_set_on_enter(item, "<li id=\"\(prefix)fn-\(note.number)\">")
            cmark_node_set_on_exit(item, "</li>")
            for block in note.blocks { cmark_node_append_child(item, block) }
            var backLinks = ""
            for reference in 1...max(note.references, 1) {
                let id = reference == 1 ? "fnref-\(note.number)" : "fnref-\(note.number)-\(reference)"
                let mark = reference == 1 ? "↩\u{FE0E}" : "↩\u{FE0E}<sup>\(reference)</sup>"
                let label = reference == 1 ? "Back to reference \(note.number)" : "Back to reference \(note.number)-\(reference)"
                backLinks += " <a href=\"#\(prefix)\(id)\" class=\"footnote-back\" role=\"doc-backlink\" aria-label=\"\(label)\">\(mark)</a>"
            }
            guard let links = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
            cmark_node_set_on_enter(links, backLinks)
            cmark_node_set_on_exit(links, "")
            if let last = cmark_node_last_child(item), cmark_node_get_type(last) == CMARK_NODE_PARAGRAPH {
                cmark_node_append_child(last, links)
            } else if let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH) {
                cmark_node_append_child(paragraph, links)
                cmark_node_append_child(item, paragraph)
            }
            cmark_node_append_child(section, item)
        }
        cmark_node_append_child(document.root, section)
    }
}
