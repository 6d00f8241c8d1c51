import Foundation
import PlaybookMarkdown

/// Writes one tick into the text of the file that holds the item: values in, values out (no I/O).
///
/// - A task-list line (`- [ ] text`, also in quotes and numbered lists): the character between the
///   brackets becomes `x` or a space.
/// - A `checklist` item, in a page's block or a YAML file of `data/`: its `done:` value is replaced,
///   or `done: true` added as its last field; a plain-text item becomes `text:` with `done: true`.
///
/// Everything else in the file stays byte for byte. The edit is refused when the item's line is not
/// what the site was built from, and a YAML edit is read back: if it does not give the same item with
/// the new state (a flow mapping, a text over several lines), nothing is written.
enum TickEditor {
    /// The new file, or nil when it already says so.
    static func edit(_ data: Data, target: TickTarget, done: Bool) throws -> (data: Data, insertedAfter: Int?)? {
        let file = target.file
        guard var lines = TextLines(data) else {
            throw TickRefusal.unsupported(
                file: file, line: target.line, reason: (TextLines.problem(with: data) ?? "the file cannot be read") + "; tick it by hand")
        }
        guard let current = lines.content(target.line), current == target.lineText else {
            throw TickRefusal.changed(file: file, line: target.line)
        }
        let lowered = file.lowercased()
        let isPage = MarkdownFileName.matches(file)
        if isPage, let marker = taskMarker(in: current) {
            if let itemText = target.itemText, !taskLine(current, after: marker, holds: itemText) {
                throw TickRefusal.notTheItem(file: file, line: target.line, text: itemText)
            }
            let checked = current.utf8[marker] != UInt8(ascii: " ")
            guard checked != done else { return nil }
            var bytes = Array(current.utf8)
            bytes[current.utf8.distance(from: current.utf8.startIndex, to: marker)] = done ? UInt8(ascii: "x") : UInt8(ascii: " ")
            lines.setContent(target.line, String(decoding: bytes, as: UTF8.self))
            return (lines.data, nil)
        }
        guard isPage || lowered.hasSuffix(".yml") || lowered.hasSuffix(".yaml") else {
            let kind = lowered.hasSuffix(".csv") ? "CSV" : lowered.hasSuffix(".json") ? "JSON" : "this kind of"
            throw TickRefusal.unsupported(
                file: file, line: target.line, reason: "ticks are written into Markdown and YAML files, not \(kind) files; change 'done' here by hand"
            )
        }
        guard let region = yamlRegion(lines, file: file, line: target.line) else {
            throw TickRefusal.changed(file: file, line: target.line)
        }
        let before = try item(at: target.line, in: region, file: file)
        if let itemText = target.itemText, Self.text(of: before.node).map(ItemText.key) != ItemText.key(itemText) {
            throw TickRefusal.notTheItem(file: file, line: target.line, text: itemText)
        }
        guard done != Self.done(of: before.node) else { return nil }
        let after = try yamlEdit(&lines, item: before.node, items: before.items, region: region, line: target.line, done: done, file: file)
        // Read back: the same item, with the new state, and nothing else moved.
        let cannot = TickRefusal.unsupported(
            file: file, line: target.line, reason: "this item's form cannot be ticked automatically (set 'done: \(done)' by hand)")
        guard let newRegion = yamlRegion(lines, file: file, line: target.line), let check = try? item(at: target.line, in: newRegion, file: file),
            check.items.count == before.items.count, Self.fieldsOtherThanDone(check.node) == Self.fieldsOtherThanDone(before.node),
            Self.done(of: check.node) == done
        else { throw cannot }
        return (lines.data, after)
    }

    // MARK: Task lists

    /// Whether the task line (its text after the box at `marker`) starts the item whose plain text is
    /// `itemText`: the same letters and digits, or the first of several lines of it.
    static func taskLine(_ line: String, after marker: String.UTF8View.Index, holds itemText: String) -> Bool {
        let rest = String(line.utf8[line.utf8.index(marker, offsetBy: 2)...]) ?? ""
        let onLine = ItemText.key(MarkdownRenderer().plainText(rest.trimmedSpaces))
        let wanted = ItemText.key(itemText)
        return onLine == wanted || (!onLine.isEmpty && wanted.hasPrefix(onLine))
    }

    /// The index of the character between `[` and `]` of a task-list line, after any block-quote
    /// markers and list markers; nil when the line is not a task item.
    static func taskMarker(in line: String) -> String.UTF8View.Index? {
        let bytes = line.utf8
        var index = bytes.startIndex
        func skipSpaces() { while index < bytes.endIndex, bytes[index] == 32 || bytes[index] == 9 { index = bytes.index(after: index) } }
        var sawListMarker = false
        while true {
            skipSpaces()
            guard index < bytes.endIndex else { return nil }
            let byte = bytes[index]
            if byte == UInt8(ascii: ">"), !sawListMarker {
                index = bytes.index(after: index)
                continue
            }
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+") {
                index = bytes.index(after: index)
            } else if (48...57).contains(byte) {
                var digits = 0
                while index < bytes.endIndex, (48...57).contains(bytes[index]), digits < 9 {
                    index = bytes.index(after: index)
                    digits += 1
                }
                guard index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ")") else { return nil }
                index = bytes.index(after: index)
            } else if byte == UInt8(ascii: "["), sawListMarker {
                let inside = bytes.index(after: index)
                guard inside < bytes.endIndex else { return nil }
                let close = bytes.index(after: inside)
                guard close < bytes.endIndex, bytes[close] == UInt8(ascii: "]"),
                    [UInt8(ascii: " "), UInt8(ascii: "x"), UInt8(ascii: "X")].contains(bytes[inside])
                else { return nil }
                let after = bytes.index(after: close)
                guard after == bytes.endIndex || bytes[after] == 32 || bytes[after] == 9 else { return nil }
                return inside
            } else {
                return nil
            }
            // A list marker is followed by a space or a tab.
            guard index < bytes.endIndex, bytes[index] == 32 || bytes[index] == 9 else { return nil }
            sawListMarker = true
        }
    }

    // MARK: YAML items

    /// The YAML text that holds `line`: the `checklist` block around it in a page, or the whole data
    /// file. `offset` is the file line before the YAML's line 1.
    struct Region {
        var text: String
        var offset: Int
        var lineCount: Int
    }

    static func yamlRegion(_ lines: TextLines, file: String, line: Int) -> Region? {
        if MarkdownFileName.matches(file) {
            let blocks = PageCodeBlocks(page: lines.data, path: file, language: "checklist")
            guard let found = blocks.block(containing: line) else { return nil }
            return Region(text: found.block.literal, offset: found.fenceLine, lineCount: found.lineCount)
        }
        return Region(text: lines.text, offset: 0, lineCount: lines.count)
    }

    static func item(at line: Int, in region: Region, file: String) throws -> (node: YAMLNode, items: [YAMLNode]) {
        guard case .success(let root) = YAMLReader().read(region.text) else { throw TickRefusal.changed(file: file, line: line) }
        let items = root?.sequence ?? root?["items"]?.sequence ?? []
        guard let node = items.first(where: { $0.line + region.offset == line }) else { throw TickRefusal.changed(file: file, line: line) }
        return (node, items)
    }

    /// Everything an item says but `done:`, without line numbers: a plain-text item as its `text:`.
    static func fieldsOtherThanDone(_ item: YAMLNode) -> [String: YAMLValue] {
        switch item.kind {
        case .scalar: return ["text": YAMLValue(item)]
        case .sequence: return ["": YAMLValue(item)]
        case .mapping(let pairs):
            var fields: [String: YAMLValue] = [:]
            for pair in pairs where pair.key != "done" { fields[pair.key] = YAMLValue(pair.value) }
            return fields
        }
    }

    static func text(of item: YAMLNode) -> String? { item.scalarText ?? item["text"]?.scalarText }

    static func done(of item: YAMLNode) -> Bool {
        guard let value = item["done"] else { return false }
        if let flag = value.bool { return flag }
        return ["true", "yes"].contains(value.scalarText?.lowercased() ?? "")
    }

    /// Changes `lines`; returns the line a new line was put after (nil when none was added).
    private static func yamlEdit(
        _ lines: inout TextLines, item: YAMLNode, items: [YAMLNode], region: Region, line: Int, done: Bool, file: String
    ) throws -> Int? {
        let first = lines.content(line) ?? ""
        let keyColumn = dashPrefixLength(first)
        switch item.kind {
        case .scalar:
            // `- Write the plan` → `- text: Write the plan` + `  done: true`.
            guard let keyColumn else { throw TickRefusal.changed(file: file, line: line) }
            let prefix = String(first.utf8.prefix(keyColumn))!
            lines.setContent(line, prefix + "text: " + String(first.utf8.dropFirst(keyColumn))!)
            lines.insert(String(repeating: " ", count: keyColumn) + "done: true", after: line)
            return line
        case .mapping(let pairs):
            if let value = pairs.first(where: { $0.key == "done" })?.value {
                let valueLine = value.line + region.offset
                guard let text = lines.content(valueLine), let replaced = replacingDoneValue(in: text, with: done ? "true" : "false") else {
                    throw TickRefusal.unsupported(
                        file: file, line: valueLine, reason: "cannot find the 'done:' value on this line; change it by hand")
                }
                lines.setContent(valueLine, replaced)
                return nil
            }
            guard let keyColumn else { throw TickRefusal.changed(file: file, line: line) }
            // After the item's last line: before the next item (or the end), skipping blank lines and
            // comments. A `#` line indented deeper than the keys may be a block scalar's text (`owner: |`), so it stays inside.
            let next = items.first(where: { $0.line + region.offset > line }).map { $0.line + region.offset } ?? region.offset + region.lineCount + 1
            var last = next - 1
            while last > line, let text = lines.content(last) {
                let trimmed = text.trimmedSpaces
                let indent = text.utf8.prefix { $0 == 32 }.count
                guard trimmed.isEmpty || (trimmed.hasPrefix("#") && indent <= keyColumn) else { break }
                last -= 1
            }
            lines.insert(String(repeating: " ", count: keyColumn) + "done: true", after: last)
            return last
        case .sequence:
            throw TickRefusal.unsupported(file: file, line: line, reason: "a checklist item must be text or a mapping")
        }
    }

    /// Length of `  - ` before an item's content (the column its keys start at); nil when the line does
    /// not start a list item.
    static func dashPrefixLength(_ line: String) -> Int? {
        let bytes = Array(line.utf8)
        var index = 0
        while index < bytes.count, bytes[index] == 32 { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "-") else { return nil }
        index += 1
        guard index < bytes.count, bytes[index] == 32 else { return nil }
        while index < bytes.count, bytes[index] == 32 { index += 1 }
        return index
    }

    /// The line with the value after `done:` replaced; a comment after it stays.
    static func replacingDoneValue(in line: String, with value: String) -> String? {
        var bytes = Array(line.utf8)
        let key = Array("done".utf8)
        var start = 0
        while start + key.count <= bytes.count {
            defer { start += 1 }
            guard Array(bytes[start..<start + key.count]) == key else { continue }
            if start > 0, ![32, UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "{")].contains(bytes[start - 1]) { continue }
            var index = start + key.count
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") { index += 1 }
            while index < bytes.count, bytes[index] == 32 { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { continue }
            index += 1
            while index < bytes.count, bytes[index] == 32 { index += 1 }
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: "#"), bytes[end] != UInt8(ascii: ","), bytes[end] != UInt8(ascii: "}") { end += 1 }
            while end > index, bytes[end - 1] == 32 { end -= 1 }
            guard end > index else { return nil }
            bytes.replaceSubrange(index..<end, with: Array(value.utf8))
            return String(decoding: bytes, as: UTF8.self)
        }
        return nil
    }
}

/// An item's text reduced to what survives any rendering: its letters and digits, lower-cased.
enum ItemText {
    static func key(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }))
    }
}

/// A YAML value without its line numbers, to compare an item before and after an edit.
indirect enum YAMLValue: Hashable {
    case scalar(String, YAMLNode.ScalarType)
    case sequence([YAMLValue])
    case mapping([String], [YAMLValue])

    init(_ node: YAMLNode) {
        switch node.kind {
        case .scalar(let text, let type): self = .scalar(text, type)
        case .sequence(let items): self = .sequence(items.map(YAMLValue.init))
        case .mapping(let pairs): self = .mapping(pairs.map(\.key), pairs.map { YAMLValue($0.value) })
        }
    }
}
