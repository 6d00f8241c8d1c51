import CCmark

/// Callouts: GitHub's alerts (`> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]`, any
/// case) and Obsidian's (`> [!faq] Custom title`, foldable with `-` (closed) or `+` (open)). A block
/// quote whose first line is such a marker becomes a `<div class="callout callout-TYPE">` with a title,
/// or a `<details>`/`<summary>` when foldable, so folding needs no JavaScript. The title is the rest
/// of the marker line (inline Markdown), else the type's label. An unknown type is a warning and is
/// shown as a note.
struct Callouts: MarkdownSyntax {
    func mayOccur(in source: String) -> Bool { ByteSearch.contains(source, "[!") }

    func rewrite(_ document: CmarkDocument, settings: SyntaxSettings) {
        let quotes = CmarkDocument.nodes(below: document.root) { cmark_node_get_type($0) == CMARK_NODE_BLOCK_QUOTE }
        for quote in quotes { convert(quote, in: document) }
    }

    struct Marker: Equatable {
        var type: String
        /// nil: not foldable; true: open; false: closed.
        var open: Bool?
        /// How many bytes of the first text node the marker (and the space after it) takes.
        var length: Int
    }

    /// Reads `[!type]`, `[!type]-` or `[!type]+` at the start of `text`.
    static func marker(in text: String) -> Marker? {
        let bytes = Array(text.utf8)
        guard bytes.count > 3, bytes[0] == UInt8(ascii: "["), bytes[1] == UInt8(ascii: "!") else { return nil }
        var index = 2
        while index < bytes.count, Self.isTypeByte(bytes[index]) { index += 1 }
        guard index > 2, index < bytes.count, bytes[index] == UInt8(ascii: "]") else { return nil }
        let type = String(decoding: bytes[2..<index], as: UTF8.self)
        index += 1
        var open: Bool?
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            open = bytes[index] == UInt8(ascii: "+")
            index += 1
        }
        // The marker must end the line or be followed by a space (`[!note]x` is text).
        if index < bytes.count {
            guard bytes[index] == 32 || bytes[index] == 9 else { return nil }
            while index < bytes.count, bytes[index] == 32 || bytes[index] == 9 { index += 1 }
        }
        return Marker(type: type, open: open, length: index)
    }

    private static func isTypeByte(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    private func convert(_ quote: OpaquePointer, in document: CmarkDocument) {
        guard let paragraph = cmark_node_first_child(quote), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH else { return }
        // cmark splits "[!NOTE]" into the text nodes "[", "!NOTE", "]": join them to read the marker.
        cmark_consolidate_text_nodes(paragraph)
        guard let first = cmark_node_first_child(paragraph), cmark_node_get_type(first) == CMARK_NODE_TEXT,
            let marker = Self.marker(in: document.string(cmark_node_get_literal(first)))
        else { return }
        let line = Int(cmark_node_get_start_line(quote))
        let written = marker.type.lowercased()
        var type = CalloutType.canonical[written] ?? "note"
        if CalloutType.canonical[written] == nil {
            document.problems.append(
                MarkdownProblem(
                    kind: .warning, line: line,
                    message:
                        "unknown callout type '[!\(marker.type)]', shown as a note (known: note, tip, important, warning, caution, and Obsidian's types)"
                ))
            type = "note"
        }
        guard let title = takeTitle(from: paragraph, marker: marker, first: first, in: document) else { return }

        guard let (box, body) = box(type: type, open: marker.open, title: title, in: document) else { return }
        while let child = cmark_node_first_child(quote) {
            cmark_node_unlink(child)
            cmark_node_append_child(body, child)
        }
        if cmark_node_first_child(body) == nil {
            cmark_node_unlink(body)
            cmark_node_free(body)
        }
        document.replace(quote, with: box)
    }

    /// The callout's title, a new paragraph: the rest of the marker line (taken out of `paragraph`,
    /// which is removed when nothing is left of it), or the type's label.
    private func takeTitle(
        from paragraph: OpaquePointer, marker: Marker, first: OpaquePointer, in document: CmarkDocument
    ) -> OpaquePointer? {
        let rest = String(decoding: Array(document.string(cmark_node_get_literal(first)).utf8).dropFirst(marker.length), as: UTF8.self)
        if rest.isEmpty {
            cmark_node_unlink(first)
            cmark_node_free(first)
        } else {
            cmark_node_set_literal(first, rest)
        }
        guard let title = cmark_node_new(CMARK_NODE_PARAGRAPH) else { return nil }
        while let inline = cmark_node_first_child(paragraph) {
            let kind = cmark_node_get_type(inline)
            cmark_node_unlink(inline)
            if kind == CMARK_NODE_SOFTBREAK || kind == CMARK_NODE_LINEBREAK {
                cmark_node_free(inline)
                break
            }
            cmark_node_append_child(title, inline)
        }
        if cmark_node_first_child(title) == nil, let text = cmark_node_new(CMARK_NODE_TEXT) {
            cmark_node_set_literal(text, CalloutType.label(marker.type))
            cmark_node_append_child(title, text)
        }
        if cmark_node_first_child(paragraph) == nil {
            cmark_node_unlink(paragraph)
            cmark_node_free(paragraph)
        }
        return title
    }

    /// The callout's box (a `<div>`, or `<details>` when foldable) holding `title`, and its empty body.
    private func box(
        type: String, open: Bool?, title: OpaquePointer, in document: CmarkDocument
    ) -> (box: OpaquePointer, body: OpaquePointer)? {
        guard let box = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK), let body = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return nil }
        let classes = "callout callout-\(type)"
        if let open {
            cmark_node_set_on_enter(box, "<details class=\"\(classes)\"\(open ? " open" : "")>")
            cmark_node_set_on_exit(box, "</details>")
            document.flattened.append((title, "<summary class=\"callout-title\">", "</summary>"))
        } else {
            cmark_node_set_on_enter(box, "<div class=\"\(classes)\">")
            cmark_node_set_on_exit(box, "</div>")
            document.flattened.append((title, "<p class=\"callout-title\">", "</p>"))
        }
        cmark_node_set_on_enter(body, "<div class=\"callout-body\">")
        cmark_node_set_on_exit(body, "</div>")
        cmark_node_append_child(box, title)
        cmark_node_append_child(box, body)
        return (box, body)
    }
}
