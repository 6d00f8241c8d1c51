import CCmark

#if canImport(Glibc)
    import Glibc
#endif

/// GFM strikethrough: `~~text~~` becomes `<del>text</del>`, also around emphasis or links inside it.
///
/// cmark core keeps tildes as text. Each text node holding `~~` is split so that every `~~` is a node of
/// its own; then, among the children of one parent, an opening `~~` (followed by a non-space) is paired
/// with the next closing one (preceded by a non-space), and the nodes between them move into a custom
/// inline that writes `<del>`…`</del>`. Code spans are nodes of their own, so `~~` in code stays as it is.
/// Runs before the extensions that free text nodes (task lists, headings).
struct Strikethrough: MarkdownExtension {
    func apply(to document: CmarkDocument, context: inout MarkdownContext) {
        var parents: [OpaquePointer] = []
        for node in document.nodes.tildeTexts {
            guard document.string(cmark_node_get_literal(node)).contains("~~"), let parent = cmark_node_parent(node) else { continue }
            split(node, in: document)
            if !parents.contains(parent) { parents.append(parent) }
        }
        for parent in parents { pair(in: parent, document: document) }
    }

    /// Splits a text node so that each `~~` is a text node alone.
    private func split(_ node: OpaquePointer, in document: CmarkDocument) {
        let literal = document.string(cmark_node_get_literal(node))
        var pieces: [String] = []
        var rest = Substring(literal)
        while let range = rest.firstRange(of: "~~") {
            if range.lowerBound > rest.startIndex { pieces.append(String(rest[..<range.lowerBound])) }
            pieces.append("~~")
            rest = rest[range.upperBound...]
        }
        if !rest.isEmpty { pieces.append(String(rest)) }
        guard pieces.count > 1 else { return }
        cmark_node_set_literal(node, pieces[0])
        var previous = node
        for piece in pieces.dropFirst() {
            guard let text = cmark_node_new(CMARK_NODE_TEXT) else { return }
            cmark_node_set_literal(text, piece)
            cmark_node_insert_after(previous, text)
            previous = text
        }
    }

    private func pair(in parent: OpaquePointer, document: CmarkDocument) {
        var children: [OpaquePointer] = []
        var child = cmark_node_first_child(parent)
        while let node = child {
            children.append(node)
            child = cmark_node_next(node)
        }
        func isMarker(_ index: Int) -> Bool {
            cmark_node_get_type(children[index]) == CMARK_NODE_TEXT && document.string(cmark_node_get_literal(children[index])) == "~~"
        }
        func startsWithSpace(_ index: Int) -> Bool {
            guard index < children.count else { return true }
            guard cmark_node_get_type(children[index]) == CMARK_NODE_TEXT else { return false }
            return document.string(cmark_node_get_literal(children[index])).first.map { $0 == " " || $0 == "\t" } ?? true
        }
        func endsWithSpace(_ index: Int) -> Bool {
            guard index >= 0 else { return true }
            guard cmark_node_get_type(children[index]) == CMARK_NODE_TEXT else { return false }
            return document.string(cmark_node_get_literal(children[index])).last.map { $0 == " " || $0 == "\t" } ?? true
        }
        var index = 0
        while index < children.count {
            guard isMarker(index), !startsWithSpace(index + 1),
                let close = (index + 2..<max(index + 2, children.count)).first(where: { isMarker($0) && !endsWithSpace($0 - 1) })
            else {
                index += 1
                continue
            }
            guard let del = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return }
            cmark_node_set_on_enter(del, "<del>")
            cmark_node_set_on_exit(del, "</del>")
            cmark_node_insert_before(children[index], del)
            for inner in children[(index + 1)..<close] {
                cmark_node_unlink(inner)
                cmark_node_append_child(del, inner)
            }
            for marker in [children[index], children[close]] {
                cmark_node_unlink(marker)
                cmark_node_free(marker)
            }
            index = close + 1
        }
    }
}
