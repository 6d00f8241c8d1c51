import CCmark

/// Obsidian's comments and highlights, on cmark's tree (text nodes only, so never in code or HTML):
/// `%%a comment%%` inside a paragraph, and a block comment (paragraphs from one that starts with `%%`
/// to one that ends with it), are left out of the page, its text and its summary; `==text==` is
/// `<mark>text</mark>` (an opening `==` followed by a non-space, a closing one after a non-space).
/// Runs with the syntax extensions, before the summary is taken.
struct ObsidianMarks: MarkdownSyntax {
    func mayOccur(in source: String) -> Bool { ByteSearch.contains(source, "%%") || ByteSearch.contains(source, "==") }

    func rewrite(_ document: CmarkDocument, settings: SyntaxSettings) {
        cmark_consolidate_text_nodes(document.root)
        removeBlockComments(in: document)
        var parents: [OpaquePointer] = []
        for node in CmarkDocument.nodes(below: document.root, where: { cmark_node_get_type($0) == CMARK_NODE_TEXT }) {
            let literal = document.string(cmark_node_get_literal(node))
            guard ByteSearch.contains(literal, "%%") || ByteSearch.contains(literal, "=="), let parent = cmark_node_parent(node) else { continue }
            CmarkDocument.replaceText(node, with: Self.pieces(of: literal))
            if !parents.contains(parent) { parents.append(parent) }
        }
        for parent in parents {
            highlight(in: parent, document: document)
            removeComments(in: parent, document: document)
        }
    }

    /// Top-level blocks from a paragraph that starts with `%%` and has no closing `%%` to the next
    /// block whose text ends with `%%`, both included, are removed.
    private func removeBlockComments(in document: CmarkDocument) {
        var child = cmark_node_first_child(document.root)
        var opened: [OpaquePointer] = []
        while let block = child {
            child = cmark_node_next(block)
            let type = cmark_node_get_type(block)
            // (A closing `%%` right after a list is part of its last item's text.)
            let text = type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK ? nil : document.plainText(of: block)
            if opened.isEmpty {
                guard type == CMARK_NODE_PARAGRAPH, let text, text.hasPrefix("%%"), Self.count(of: "%%", in: text) % 2 == 1 else { continue }
                opened = [block]
            } else {
                opened.append(block)
                guard let text, text.hasSuffix("%%"), Self.count(of: "%%", in: text) % 2 == 1 else { continue }
                for node in opened {
                    cmark_node_unlink(node)
                    cmark_node_free(node)
                }
                opened = []
            }
        }
    }

    private static func count(of marker: StaticString, in text: String) -> Int {
        var (count, rest) = (0, Substring(text))
        while let range = ByteSearch.firstRange(of: marker, in: rest) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }

    /// `literal` cut so that each `%%` and `==` is a piece alone.
    private static func pieces(of literal: String) -> [Substring] {
        var pieces: [Substring] = []
        var rest = Substring(literal)
        while let range = [ByteSearch.firstRange(of: "%%", in: rest), ByteSearch.firstRange(of: "==", in: rest)].compactMap({ $0 }).min(by: {
            $0.lowerBound < $1.lowerBound
        }) {
            if range.lowerBound > rest.startIndex { pieces.append(rest[..<range.lowerBound]) }
            pieces.append(rest[range])
            rest = rest[range.upperBound...]
        }
        if !rest.isEmpty { pieces.append(rest) }
        return pieces
    }

    private static func isMarker(_ node: OpaquePointer, _ marker: String, in document: CmarkDocument) -> Bool {
        cmark_node_get_type(node) == CMARK_NODE_TEXT && document.string(cmark_node_get_literal(node)) == marker
    }

    /// Removes everything between a pair of `%%`, the markers included.
    private func removeComments(in parent: OpaquePointer, document: CmarkDocument) {
        let children = CmarkDocument.children(of: parent)
        var open: Int?
        var doomed: [OpaquePointer] = []
        for (index, node) in children.enumerated() where Self.isMarker(node, "%%", in: document) {
            if let start = open {
                doomed += children[start...index]
                open = nil
            } else {
                open = index
            }
        }
        for node in doomed {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        // A paragraph that was one comment goes too.
        if !doomed.isEmpty, cmark_node_get_type(parent) == CMARK_NODE_PARAGRAPH, cmark_node_first_child(parent) == nil {
            cmark_node_unlink(parent)
            cmark_node_free(parent)
        }
    }

    /// Puts what is between a pair of `==` into a `<mark>`.
    private func highlight(in parent: OpaquePointer, document: CmarkDocument) {
        let children = CmarkDocument.children(of: parent)
        func edge(_ index: Int, last: Bool) -> Character? {
            guard children.indices.contains(index) else { return nil }
            guard cmark_node_get_type(children[index]) == CMARK_NODE_TEXT else { return "x" }
            let literal = document.string(cmark_node_get_literal(children[index]))
            return last ? literal.last : literal.first
        }
        var index = 0
        while index < children.count {
            guard Self.isMarker(children[index], "==", in: document), let after = edge(index + 1, last: false), !after.isWhitespace,
                let close = children.indices.dropFirst(index + 2).first(where: {
                    Self.isMarker(children[$0], "==", in: document) && !(edge($0 - 1, last: true)?.isWhitespace ?? true)
                })
            else {
                index += 1
                continue
            }
            guard let mark = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return }
            cmark_node_set_on_enter(mark, "<mark>")
            cmark_node_set_on_exit(mark, "</mark>")
            cmark_node_insert_before(children[index], mark)
            for inner in children[(index + 1)..<close] {
                cmark_node_unlink(inner)
                cmark_node_append_child(mark, inner)
            }
            for marker in [children[index], children[close]] {
                cmark_node_unlink(marker)
                cmark_node_free(marker)
            }
            index = close + 1
        }
    }
}
