import CCmark

/// GitHub-style task lists: a list whose items start with `[ ] ` or `[x] ` loses the markers and gets
/// the markup the `taskList` hook returns (Playbook's checklists with their checkboxes).
struct TaskLists: MarkdownExtension {
    func apply(to document: CmarkDocument, context: inout MarkdownContext) {
        guard let hook = context.hooks.taskList else { return }
        // An embedded note's tasks are ticked on the note's own page (a tick is written to its file).
        for list in document.nodes.lists where !document.isInEmbed(list) { convertTaskList(list, hook: hook, in: document) }
    }

    /// The paragraph and leading text node of a list item that starts with `[ ] ` or `[x] `.
    private func taskMarker(of item: OpaquePointer, in document: CmarkDocument) -> (paragraph: OpaquePointer, checked: Bool)? {
        guard let paragraph = cmark_node_first_child(item), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH else { return nil }
        restoreMarkerTakenAsLink(in: paragraph, document: document)
        guard let first = cmark_node_first_child(paragraph), cmark_node_get_type(first) == CMARK_NODE_TEXT,
            // Most items are not tasks: their first byte says so, before any text is copied out of cmark.
            cmark_node_get_literal(first)?.pointee == CChar(UInt8(ascii: "["))
        else { return nil }
        // cmark splits "[ ] text" into the text nodes "[", " ] text" (brackets are link openers), so
        // the marker is read across the leading text nodes.
        var prefix = ""
        var node: OpaquePointer? = first
        while let current = node, cmark_node_get_type(current) == CMARK_NODE_TEXT, prefix.count < 4 {
            prefix += document.string(cmark_node_get_literal(current))
            node = cmark_node_next(current)
        }
        if prefix.hasPrefix("[ ] ") || prefix == "[ ]" { return (paragraph, false) }
        if prefix.hasPrefix("[x] ") || prefix.hasPrefix("[X] ") || prefix == "[x]" || prefix == "[X]" { return (paragraph, true) }
        return nil
    }

    /// A page that defines a link reference `[x]: …` makes cmark read an item's `[x] ` as a link to it;
    /// GitHub reads the marker first. When the paragraph's source starts with `[x]` and a space (not
    /// `[x](url)`), the link goes back to being the text `[x]`.
    private func restoreMarkerTakenAsLink(in paragraph: OpaquePointer, document: CmarkDocument) {
        guard let link = cmark_node_first_child(paragraph), cmark_node_get_type(link) == CMARK_NODE_LINK,
            let label = cmark_node_first_child(link), cmark_node_next(label) == nil, cmark_node_get_type(label) == CMARK_NODE_TEXT,
            ["x", "X"].contains(document.string(cmark_node_get_literal(label))), !document.isParsedOnItsOwn(paragraph)
        else { return }
        let source = document.lines.line(Int(cmark_node_get_start_line(paragraph)), from: Int(cmark_node_get_start_column(paragraph)))
        guard source.count >= 3, source.starts(with: Array("[x]".utf8)) || source.starts(with: Array("[X]".utf8)) else { return }
        let after = source.dropFirst(3).first
        guard after == nil || after == 32 || after == 9 else { return }
        guard let text = cmark_node_new(CMARK_NODE_TEXT) else { return }
        cmark_node_set_literal(text, String(decoding: source.prefix(3), as: UTF8.self))
        cmark_node_insert_before(link, text)
        cmark_node_unlink(link)
        cmark_node_free(link)
    }

    /// Removes the `[ ] ` marker from the paragraph's leading text nodes.
    private func stripMarker(from paragraph: OpaquePointer, in document: CmarkDocument) {
        var remaining = 4
        while remaining > 0, let node = cmark_node_first_child(paragraph), cmark_node_get_type(node) == CMARK_NODE_TEXT {
            let literal = document.string(cmark_node_get_literal(node))
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

    private func convertTaskList(_ list: OpaquePointer, hook: (TaskList) -> TaskListMarkup?, in document: CmarkDocument) {
        var tasks: [(item: OpaquePointer, paragraph: OpaquePointer, checked: Bool)] = []
        var child = cmark_node_first_child(list)
        while let item = child {
            if let marker = taskMarker(of: item, in: document) { tasks.append((item, marker.paragraph, marker.checked)) }
            child = cmark_node_next(item)
        }
        guard !tasks.isEmpty else { return }
        for task in tasks { stripMarker(from: task.paragraph, in: document) }
        let description = TaskList(
            items: tasks.map { TaskList.Item(checked: $0.checked, text: document.plainText(of: $0.paragraph), line: document.line(of: $0.item)) },
            line: document.line(of: list))
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
}
