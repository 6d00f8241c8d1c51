import Foundation

/// A text file as lines of bytes, for edits that must leave everything else byte for byte: the BOM,
/// each line's own ending (`\n` or `\r\n`), and whether the last line has one.
struct TextLines: Equatable {
    /// True when the file starts with a UTF-8 byte order mark (kept out of line 1's content).
    var bom: Bool
    /// Each line without its `\n`; a `\r` before it stays in the line. After a final line end the
    /// last element is empty.
    var lines: [[UInt8]]

    /// Nil when the file is not UTF-8, or has a carriage return not followed by a line feed (classic
    /// Mac OS line ends): the pages' parser counts that as a line end, these lines would not, and a
    /// line number would name another line. `problem(with:)` says which.
    init?(_ data: Data) {
        guard Self.problem(with: data) == nil else { return nil }
        bom = data.starts(with: [0xEF, 0xBB, 0xBF])
        let bytes = Array(bom ? data.dropFirst(3) : data[...])
        lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map { Array($0) }
    }

    /// Why `init` refuses `data`, or nil when it does not.
    static func problem(with data: Data) -> String? {
        let bytes = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        guard String(validating: bytes, as: UTF8.self) != nil else { return "the file is not UTF-8 text" }
        var index = bytes.startIndex
        while let found = bytes[index...].firstIndex(of: 13) {
            let next = bytes.index(after: found)
            if next == bytes.endIndex || bytes[next] != 10 {
                return "the file has a carriage return without a line feed (classic Mac OS line ends); save it with LF or CRLF line ends"
            }
            index = next
        }
        return nil
    }

    var data: Data { (bom ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(Array(lines.joined(separator: [10]))) }

    /// The text without the BOM, as a parser reads it.
    var text: String { String(decoding: Array(lines.joined(separator: [10])), as: UTF8.self) }

    /// Number of lines with content or a line end (a final line end opens no line).
    var count: Int { lines.last?.isEmpty == true ? lines.count - 1 : lines.count }

    /// Line `number` (1-based) without its line end; nil past the end.
    func content(_ number: Int) -> String? {
        guard number >= 1, number <= count else { return nil }
        let line = lines[number - 1]
        return String(decoding: line.last == 13 ? line.dropLast() : line[...], as: UTF8.self)
    }

    /// Replaces line `number`'s content; its line end stays.
    mutating func setContent(_ number: Int, _ text: String) {
        let carriageReturn = lines[number - 1].last == 13
        lines[number - 1] = Array(text.utf8) + (carriageReturn ? [13] : [])
    }

    /// Puts a line after line `number` with the same line end as that line.
    mutating func insert(_ text: String, after number: Int) {
        let carriageReturn = lines[number - 1].last == 13
        if number == lines.count {
            // The last line had no line end: it gets one, the new line ends the file without one.
            lines[number - 1] += carriageReturn ? [] : (lines.count > 1 && lines[number - 2].last == 13 ? [13] : [])
            lines.append(Array(text.utf8))
        } else {
            lines.insert(Array(text.utf8) + (carriageReturn ? [13] : []), at: number)
        }
    }

    /// Adds a line at the end, ended like the file's lines (`\r\n` when they are); a last line without
    /// a line end gets one first.
    mutating func append(_ text: String) {
        let carriageReturn = lines.dropLast().contains { $0.last == 13 }
        if lines.last?.isEmpty == false {
            lines[lines.count - 1] += carriageReturn ? [13] : []
            lines.append([])
        }
        lines.insert(Array(text.utf8) + (carriageReturn ? [13] : []), at: lines.count - 1)
    }
}
