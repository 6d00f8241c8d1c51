import CCmark

/// GFM pipe tables. cmark core reads a table as a paragraph of pipes, and a paragraph ends where a
/// table ends (a blank line or another block), so each paragraph with a delimiter row under a
/// header row of as many cells becomes a table. The rows are read from the source lines, because the
/// tree has already turned `\|` into `|`; the cells are then parsed as inline Markdown (with the
/// page's link references) and their paragraphs flattened into `<th>`/`<td>` once links are rewritten.
/// Lines before the header stay a paragraph. Works inside lists and block quotes.
struct PipeTables: MarkdownSyntax {
    func mayOccur(in source: String) -> Bool { ByteSearch.contains(source, "|") }

    func rewrite(_ document: CmarkDocument, settings: SyntaxSettings) {
        // A table needs two lines at least: a header row and a delimiter row.
        let paragraphs = CmarkDocument.nodes(below: document.root) {
            cmark_node_get_type($0) == CMARK_NODE_PARAGRAPH && cmark_node_get_end_line($0) > cmark_node_get_start_line($0)
        }
        for paragraph in paragraphs { convert(paragraph, in: document) }
    }

    private func quoteDepth(of node: OpaquePointer) -> Int {
        var depth = 0
        var current = cmark_node_parent(node)
        while let parent = current {
            if cmark_node_get_type(parent) == CMARK_NODE_BLOCK_QUOTE { depth += 1 }
            current = cmark_node_parent(parent)
        }
        return depth
    }

    private func convert(_ paragraph: OpaquePointer, in document: CmarkDocument) {
        let start = Int(cmark_node_get_start_line(paragraph))
        let end = Int(cmark_node_get_end_line(paragraph))
        let quotes = quoteDepth(of: paragraph)
        let column = Int(cmark_node_get_start_column(paragraph))
        let lines = (start...end).map { number in
            number == start ? document.lines.line(number, from: column) : document.lines.content(of: number, quotes: quotes)
        }
        guard let (header, alignments) = Self.delimiterRow(in: lines) else { return }
        let width = alignments.count
        var rows = [TableRow.cells(lines[header])]
        for line in lines[(header + 2)...] {
            var cells = TableRow.cells(line)
            if cells.count > width { cells.removeLast(cells.count - width) }
            while cells.count < width { cells.append("") }
            rows.append(cells)
        }
        let texts = rows.flatMap { $0 }.filter { !$0.isEmpty }
        guard let parsed = texts.isEmpty ? [] : document.parseParagraphs(texts) else { return }
        var next = parsed.makeIterator()

        guard let table = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(table, "<div class=\"pb-scroll pb-table\" tabindex=\"0\" role=\"region\" aria-label=\"Table\">\n<table>")
        cmark_node_set_on_exit(table, "</table>\n</div>")
        cmark_node_insert_before(paragraph, table)
        document.setLine(start + header, of: table)
        for (rowIndex, cells) in rows.enumerated() {
            // Rows after the header sit one line further down: the delimiter row is between.
            let rowLine = start + header + (rowIndex == 0 ? 0 : rowIndex + 1)
            guard addRow(cells, index: rowIndex, line: rowLine, alignments: alignments, to: table, cells: &next, in: document) else { return }
        }
        if header > 0 {
            let before = lines[..<header].map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
            for block in document.parseBlocks(before, startingAt: start) {
                cmark_node_insert_before(table, block)
            }
        }
        cmark_node_unlink(paragraph)
        cmark_node_free(paragraph)
    }

    /// The header row's index and the columns' alignments: the first line that is a delimiter row
    /// under a row with as many cells, one of the two with a pipe.
    private static func delimiterRow(in lines: [ArraySlice<UInt8>]) -> (header: Int, alignments: [TableRow.Alignment])? {
        for index in 1..<lines.count {
            guard let alignments = TableRow.alignments(lines[index]),
                TableRow.hasPipe(lines[index]) || TableRow.hasPipe(lines[index - 1]),
                TableRow.cells(lines[index - 1]).count == alignments.count
            else { continue }
            return (index - 1, alignments)
        }
        return nil
    }

    /// Adds row `index` (the header when 0, opening `<thead>`; the first body row opens `<tbody>`)
    /// with its cells' parsed contents taken from `next` in order; false when cmark could not make a node.
    private func addRow(
        _ cells: [String], index: Int, line: Int, alignments: [TableRow.Alignment], to table: OpaquePointer,
        cells next: inout IndexingIterator<[OpaquePointer]>, in document: CmarkDocument
    ) -> Bool {
        let group: OpaquePointer
        if index < 2 {
            guard let made = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return false }
            cmark_node_set_on_enter(made, index == 0 ? "<thead>" : "<tbody>")
            cmark_node_set_on_exit(made, index == 0 ? "</thead>" : "</tbody>")
            cmark_node_append_child(table, made)
            group = made
        } else {
            group = cmark_node_last_child(table)
        }
        guard let row = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return false }
        cmark_node_set_on_enter(row, "<tr>")
        cmark_node_set_on_exit(row, "</tr>")
        cmark_node_append_child(group, row)
        let tag = index == 0 ? "th" : "td"
        for (cell, alignment) in zip(cells, alignments) {
            guard let content = cell.isEmpty ? cmark_node_new(CMARK_NODE_PARAGRAPH) : next.next() else { return false }
            cmark_node_append_child(row, content)
            document.setLine(line, of: content)
            document.flattened.append((content, alignment.open(tag), "</\(tag)>"))
        }
        return true
    }
}
