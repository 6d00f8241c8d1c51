/// The lines of the Markdown text cmark parsed, for extensions that need what the tree no longer
/// holds (a table row's `\|`, a footnote definition cmark read as a link reference). Lines are
/// 1-based, as cmark counts them; made only when an extension asks.
struct SourceLines {
    private let bytes: [UInt8]
    private let starts: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 10 { starts.append(offset + 1) }
        self.starts = starts
    }

    var count: Int { starts.count }

    /// Line `number` without its line end (empty past the end).
    func line(_ number: Int) -> ArraySlice<UInt8> {
        guard number >= 1, number <= starts.count else { return [] }
        let start = starts[number - 1]
        var end = number < starts.count ? starts[number] - 1 : bytes.count
        if end > start, bytes[end - 1] == 13 { end -= 1 }
        return bytes[start..<end]
    }

    /// Line `number` from byte column `column` (1-based, as cmark reports it).
    func line(_ number: Int, from column: Int) -> ArraySlice<UInt8> {
        let whole = line(number)
        let start = min(whole.startIndex + max(column - 1, 0), whole.endIndex)
        return whole[start...]
    }

    /// A continuation line of a paragraph with its container markers removed: leading spaces and
    /// tabs, and up to `quotes` block-quote markers (`>`). List indentation is only spaces.
    func content(of number: Int, quotes: Int) -> ArraySlice<UInt8> {
        var rest = line(number)
        var quotesLeft = quotes
        while true {
            while let first = rest.first, first == 32 || first == 9 { rest = rest.dropFirst() }
            guard quotesLeft > 0, rest.first == UInt8(ascii: ">") else { break }
            rest = rest.dropFirst()
            quotesLeft -= 1
        }
        return rest
    }
}
