/// CSV rows as block items: the header row names the fields; cells are typed like YAML plain scalars.
///
/// RFC 4180 (comma separated, `"` quotes, `""` inside quotes, quoted cells may span lines), read with
/// the line each row starts on, so every problem points at its own row. Written here rather than taken
/// from a CSV package: the ones available report neither lines nor an unterminated quote (SwiftCSV
/// silently swallows the rest of the file into one cell).
enum CSVItems {
    /// One record of the file with the line it starts on.
    struct Row {
        var line: Int
        var cells: [String]
    }

    /// Every item, or every problem found (each at its row's line; diagnostics carry `path`).
    static func read(_ text: String, path: String) -> (items: [YAMLNode]?, problems: [Diagnostic]) {
        let (rows, problems) = records(text)
        guard let headerRow = rows.first else {
            if !problems.isEmpty { return (nil, problems.map { $0.located(in: path, lineOffset: 0) }) }
            return (nil, [.error(path, line: 1, "the data file is empty; a CSV file needs a header row naming the fields, then one row per item")])
        }
        let header = headerRow.cells.map { $0.trimmedSpaces }
        var items: [YAMLNode] = []
        items.reserveCapacity(rows.count - 1)
        // Every problem of the file at once: quoting problems and rows of the wrong length.
        var errors = problems.map { $0.located(in: path, lineOffset: 0) }
        for row in rows.dropFirst() {
            guard row.cells.count <= header.count else {
                errors.append(.error(path, line: row.line, "CSV row has \(row.cells.count) cells but the header names \(header.count) fields"))
                continue
            }
            var pairs: [YAMLNode.Pair] = []
            pairs.reserveCapacity(row.cells.count)
            for (key, cell) in zip(header, row.cells) {
                let trimmed = cell.trimmedSpaces
                guard !trimmed.isEmpty else { continue }
                pairs.append(YAMLNode.Pair(key: key, value: YAMLNode(kind: .scalar(trimmed, scalarType(trimmed)), line: row.line)))
            }
            items.append(YAMLNode(kind: .mapping(pairs), line: row.line))
        }
        return errors.isEmpty ? (items, []) : (nil, errors)
    }

    static func scalarType(_ text: String) -> YAMLNode.ScalarType {
        if ["true", "false", "yes", "no"].contains(text.lowercased()) { return .bool }
        if Int(text) != nil { return .int }
        return .string
    }

    /// Splits `text` (line ends already `\n`) into records; blank lines are skipped. Problems carry
    /// lines and no path.
    static func records(_ text: String) -> (rows: [Row], problems: [Diagnostic]) {
        let bytes = Array(text.utf8)
        var rows: [Row] = []
        var problems: [Diagnostic] = []
        var cells: [String] = []
        var cell: [UInt8] = []
        var line = 1
        var rowLine = 1
        var index = 0
        var rowHasContent = false
        func endCell() {
            cells.append(String(decoding: cell, as: UTF8.self))
            cell.removeAll(keepingCapacity: true)
        }
        func endRow() {
            endCell()
            if rowHasContent || cells.count > 1 { rows.append(Row(line: rowLine, cells: cells)) }
            cells = []
            rowHasContent = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\"") where cell.allSatisfy({ $0 == 0x20 || $0 == 0x09 }):
                rowHasContent = true
                guard let after = quotedCell(bytes, from: index, line: &line, into: &cell, problems: &problems) else { return (rows, problems) }
                index = after
                continue
            case UInt8(ascii: ","):
                endCell()
            case UInt8(ascii: "\n"):
                endRow()
                line += 1
                rowLine = line
            default:
                if byte != 0x20 && byte != 0x09 { rowHasContent = true }
                cell.append(byte)
            }
            index += 1
        }
        if rowHasContent || !cells.isEmpty { endRow() }
        return (rows, problems)
    }

    /// Reads the quoted cell whose opening quote is at `start` into `cell`: it runs to the next lone
    /// quote, across lines and commas. Returns where reading goes on (the comma or line end after it),
    /// or nil, with an error, when the quote is never closed.
    private static func quotedCell(
        _ bytes: [UInt8], from start: Int, line: inout Int, into cell: inout [UInt8], problems: inout [Diagnostic]
    ) -> Int? {
        let openLine = line
        cell.removeAll(keepingCapacity: true)
        var index = start + 1
        var closed = false
        while index < bytes.count {
            let inner = bytes[index]
            if inner == UInt8(ascii: "\"") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                    cell.append(inner)
                    index += 2
                    continue
                }
                closed = true
                index += 1
                break
            }
            if inner == UInt8(ascii: "\n") { line += 1 }
            cell.append(inner)
            index += 1
        }
        guard closed else {
            problems.append(.error("", line: openLine, "CSV quote opened here is never closed (the rest of the file would become one cell)"))
            return nil
        }
        // After the closing quote only spaces may come before the next comma or line end.
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        if index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "\n") {
            problems.append(.error("", line: line, "CSV text after a closing quote; write a quote inside a quoted cell as \"\""))
            while index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "\n") { index += 1 }
        }
        return index
    }
}
