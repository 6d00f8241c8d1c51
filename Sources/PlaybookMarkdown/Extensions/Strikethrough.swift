import CCmark

#if canImport(Glibc)
    import Glibc
#endif

/// Strikethrough as GitHub writes it: text between a pair of one or two tildes (`~~text~~`, `~text~`)
/// becomes `<del>text</del>`, also around emphasis or links inside it; a run of three or more tildes is
/// text. The pairing follows cmark-gfm's: a run opens when it is left-flanking and closes when it is
/// right-flanking (as for `*`), and a closing run pairs with the nearest open run before it when that
/// one is as long (else the closing run is text).
///
/// cmark core keeps tildes as text. Each text node holding a `~` is split so that every run of tildes is
/// a node of its own; then, among the children of one parent, runs are paired, and the nodes between a
/// pair move into a custom inline that writes `<del>`…`</del>`. Code spans are nodes of their own, so
/// tildes in code stay as they are. Another inline next to a run counts as punctuation (its source
/// starts or ends with `*`, `` ` ``, `[`, `<` or `!`), a line break as white space.
/// Runs before the extensions that free text nodes (task lists, headings).
struct Strikethrough: MarkdownExtension {
    func apply(to document: CmarkDocument, context: inout MarkdownContext) {
        var parents: [OpaquePointer] = []
        for node in document.nodes.tildeTexts {
            guard let parent = cmark_node_parent(node) else { continue }
            split(node, in: document)
            if !parents.contains(parent) { parents.append(parent) }
        }
        for parent in parents { pair(in: parent, document: document) }
    }

    /// Splits a text node so that each run of tildes is a text node alone.
    private func split(_ node: OpaquePointer, in document: CmarkDocument) {
        let literal = document.string(cmark_node_get_literal(node))
        var pieces: [Substring] = []
        var rest = Substring(literal)
        while let start = rest.firstIndex(of: "~") {
            if start > rest.startIndex { pieces.append(rest[..<start]) }
            let end = rest[start...].firstIndex { $0 != "~" } ?? rest.endIndex
            pieces.append(rest[start..<end])
            rest = rest[end...]
        }
        if !rest.isEmpty { pieces.append(rest) }
        CmarkDocument.replaceText(node, with: pieces)
    }

    /// What stands beside a run of tildes, for the flanking rules.
    private enum Side {
        case space, punctuation, other

        init(_ character: Character?) {
            guard let character else {
                self = .space
                return
            }
            if character.isWhitespace {
                self = .space
            } else if character.isPunctuation || character.isSymbol {
                self = .punctuation
            } else {
                self = .other
            }
        }
    }

    private func pair(in parent: OpaquePointer, document: CmarkDocument) {
        let children = CmarkDocument.children(of: parent)
        func text(_ index: Int) -> String? {
            guard children.indices.contains(index), cmark_node_get_type(children[index]) == CMARK_NODE_TEXT else { return nil }
            return document.string(cmark_node_get_literal(children[index]))
        }
        func side(_ index: Int, last: Bool) -> Side {
            guard children.indices.contains(index) else { return .space }
            switch cmark_node_get_type(children[index]) {
            case CMARK_NODE_TEXT:
                let literal = text(index) ?? ""
                return Side(last ? literal.last : literal.first)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: return .space
            default: return .punctuation
            }
        }
        // Runs of one or two tildes that may open or close, in order; pairs as they are found.
        var openers: [(index: Int, length: Int)] = []
        var pairs: [(open: Int, close: Int)] = []
        for index in children.indices {
            guard let run = text(index), run.first == "~", run.allSatisfy({ $0 == "~" }), run.count <= 2 else { continue }
            let (before, after) = (side(index - 1, last: true), side(index + 1, last: false))
            let opens = after != .space && (after != .punctuation || before != .other)
            let closes = before != .space && (before != .punctuation || after != .other)
            // A closing run meets the nearest open one: a pair when both are as long, else it is text.
            if closes, let last = openers.last {
                if last.length == run.count {
                    pairs.append((last.index, index))
                    openers.removeLast()
                }
            } else if opens {
                openers.append((index, run.count))
            }
        }
        // Inner pairs close first, so each is wrapped before the pair around it.
        for (open, close) in pairs {
            guard let del = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return }
            cmark_node_set_on_enter(del, "<del>")
            cmark_node_set_on_exit(del, "</del>")
            cmark_node_insert_before(children[open], del)
            var inner = cmark_node_next(children[open])
            while let node = inner, node != children[close] {
                inner = cmark_node_next(node)
                cmark_node_unlink(node)
                cmark_node_append_child(del, node)
            }
            for marker in [children[open], children[close]] {
                cmark_node_unlink(marker)
                cmark_node_free(marker)
            }
        }
    }
}
