import CCmark

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Obsidian's inline tags, on cmark's tree: `#tag` in text (at its start or after a space or an
/// opening bracket; letters, digits, `_`, `-` and `/`, at least one not a digit) is shown as a tag and
/// joins the page's tags (`RenderedMarkdown.tags`). Never in code, raw HTML or a link's text; `C#`,
/// `page#anchor` and `#123` are not tags, and a heading's `# ` is not text.
struct InlineTags: MarkdownSyntax {
    /// A `#` right before a tag character, at a line's start or after a space: most pages have none
    /// (a heading's `#` is followed by a space or another `#`).
    func mayOccur(in source: String) -> Bool {
        var source = source
        return source.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            var at = 0
            while at < bytes.count, let found = memchr(base + at, Int32(UInt8(ascii: "#")), bytes.count - at) {
                let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                at = offset + 1
                let before = offset == 0 ? UInt8(ascii: " ") : bytes[offset - 1]
                guard Self.opensTag(before), at < bytes.count, Self.isTagByte(bytes[at]) else { continue }
                return true
            }
            return false
        }
    }

    func rewrite(_ document: CmarkDocument, settings: SyntaxSettings) {
        let texts = CmarkDocument.nodes(below: document.root) { node in
            guard cmark_node_get_type(node) == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(node), strchr(literal, 0x23) != nil else {
                return false
            }
            return !CmarkDocument.isBelow(node) { cmark_node_get_type($0) == CMARK_NODE_LINK }
        }
        for node in texts { mark(node, in: document) }
    }

    /// Splits a text node around its tags, each tag's text in a `<span class="pb-tag">`.
    private func mark(_ node: OpaquePointer, in document: CmarkDocument) {
        let literal = document.string(cmark_node_get_literal(node))
        // At the node's start, a tag needs a line's start or a space before it.
        let previous = cmark_node_previous(node)
        let startsLine = previous == nil || [CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK].contains(cmark_node_get_type(previous))
        let ranges = Self.tags(in: literal, atLineStart: startsLine)
        guard !ranges.isEmpty else { return }
        var pieces: [Substring] = []
        var start = literal.startIndex
        for range in ranges {
            pieces.append(literal[start..<range.lowerBound])
            pieces.append(literal[range])
            start = range.upperBound
        }
        pieces.append(literal[start...])
        CmarkDocument.replaceText(node, with: pieces)
        // Every other piece from the second on is a tag.
        var current: OpaquePointer? = node
        for (index, piece) in pieces.enumerated() {
            guard let text = current else { break }
            current = cmark_node_next(text)
            guard index % 2 == 1, let span = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
            cmark_node_set_on_enter(span, "<span class=\"pb-tag\">")
            cmark_node_set_on_exit(span, "</span>")
            cmark_node_insert_before(text, span)
            cmark_node_append_child(span, text)
            document.tags.append(String(piece.dropFirst()))
        }
        for empty in CmarkDocument.children(of: cmark_node_parent(node)!)
        where cmark_node_get_type(empty) == CMARK_NODE_TEXT && cmark_node_get_literal(empty)?.pointee == 0 {
            cmark_node_unlink(empty)
            cmark_node_free(empty)
        }
    }

    /// The ranges of `#tag`s in `text`.
    static func tags(in text: String, atLineStart: Bool) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var previous: Unicode.Scalar? = atLineStart ? " " : nil
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if scalar == "#", let before = previous, before.properties.isWhitespace || before == "(" || before == "[" {
                var end = next
                while end < scalars.endIndex, isTagScalar(scalars[end]) { end = scalars.index(after: end) }
                // A tag does not end in `/`.
                while end > next, scalars[scalars.index(before: end)] == "/" { end = scalars.index(before: end) }
                if scalars[next..<end].contains(where: { !("0"..."9").contains($0) }) {
                    found.append(index..<end)
                    previous = scalars[scalars.index(before: end)]
                    index = end
                    continue
                }
            }
            previous = scalar
            index = next
        }
        return found
    }

    /// What may come right before a tag's `#`: a space or an opening bracket.
    static func opensTag(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "(")
            || byte == UInt8(ascii: "[")
    }

    /// A byte that may start a tag's name (any byte of a non-ASCII letter may).
    static func isTagByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
    }

    static func isTagScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_" || scalar == "-" || scalar == "/"
    }
}
