import CCmark

/// cmark reads `[^label]: note` as a link reference definition: it vanishes from the tree and every
/// `[^label]` becomes a link to "note". So before the tree is used, the definition lines are found
/// (a line starting, after at most three spaces, with `[^label]:`, outside code and HTML blocks as the
/// first parse placed them) and their `[` escaped, and the page is parsed again; the definitions
/// then are paragraphs that `Footnotes` takes out of the tree.
extension Footnotes {
    /// The text with each definition's `[` escaped, or nil when it has no definitions.
    static func escapingDefinitions(in text: String, parsed: OpaquePointer) -> String? {
        guard ByteSearch.contains(text, "[^"), ByteSearch.contains(text, "]:") else { return nil }
        let lines = SourceLines(text)
        let skipped = CmarkDocument.nodes(below: parsed) {
            cmark_node_get_type($0) == CMARK_NODE_CODE_BLOCK || cmark_node_get_type($0) == CMARK_NODE_HTML_BLOCK
        }.map { Int(cmark_node_get_start_line($0))...Int(cmark_node_get_end_line($0)) }
        var offsets: [Int] = []
        var offset = 0
        for number in 1...lines.count {
            let line = lines.line(number)
            defer { offset += line.count + 1 }
            guard !skipped.contains(where: { $0.contains(number) }) else { continue }
            var start = line.startIndex
            while start < line.endIndex, line[start] == 32, start - line.startIndex < 3 { start += 1 }
            if definitionLabel(in: line[start...]) != nil { offsets.append(offset + (start - line.startIndex)) }
        }
        guard !offsets.isEmpty else { return nil }
        var bytes = Array(text.utf8)
        for position in offsets.reversed() { bytes.insert(UInt8(ascii: "\\"), at: position) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The label of `[^label]:` at the start of `bytes`, and the length of that prefix.
    static func definitionLabel(in bytes: ArraySlice<UInt8>) -> (label: String, length: Int)? {
        guard let (label, length) = referenceLabel(in: bytes), bytes.count > length, bytes[bytes.startIndex + length] == UInt8(ascii: ":")
        else { return nil }
        return (label, length + 1)
    }

    /// The label of `[^label]` at the start of `bytes`, and its length. Labels have no spaces or brackets.
    static func referenceLabel(in bytes: ArraySlice<UInt8>) -> (label: String, length: Int)? {
        guard bytes.count >= 4, bytes.first == UInt8(ascii: "["), bytes[bytes.startIndex + 1] == UInt8(ascii: "^") else { return nil }
        var index = bytes.startIndex + 2
        while index < bytes.endIndex, index - bytes.startIndex < 1000 {
            let byte = bytes[index]
            if byte == UInt8(ascii: "]") { break }
            if byte == 32 || byte == 9 || byte == 10 || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "^") { return nil }
            index += 1
        }
        guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "]"), index > bytes.startIndex + 2 else { return nil }
        return (String(decoding: bytes[(bytes.startIndex + 2)..<index], as: UTF8.self), index + 1 - bytes.startIndex)
    }
}
