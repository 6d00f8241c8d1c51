/// The rules for one line of a GFM pipe table (GFM 0.29, section 4.10), on bytes of a source line.
enum TableRow {
    enum Alignment: Equatable {
        case none, left, center, right

        /// The cell's opening tag (`style`, since `align` is obsolete in HTML5).
        func open(_ tag: String) -> String {
            switch self {
            case .none: return "<\(tag)>"
            case .left: return "<\(tag) style=\"text-align: left\">"
            case .center: return "<\(tag) style=\"text-align: center\">"
            case .right: return "<\(tag) style=\"text-align: right\">"
            }
        }
    }

    /// The cells of a row: split at pipes that are not escaped, the leading and trailing pipe
    /// optional, each cell trimmed, `\|` turned into `|` (also inside code spans); other backslash
    /// escapes are left for the inline parser.
    static func cells(_ line: ArraySlice<UInt8>) -> [String] {
        let row = trimmed(line)
        var cells: [[UInt8]] = []
        var current: [UInt8] = []
        var index = row.startIndex
        var endsWithPipe = false
        while index < row.endIndex {
            let byte = row[index]
            endsWithPipe = false
            if byte == UInt8(ascii: "\\"), index + 1 < row.endIndex {
                let next = row[index + 1]
                if next != UInt8(ascii: "|") { current.append(byte) }
                current.append(next)
                index += 2
                continue
            }
            if byte == UInt8(ascii: "|") {
                cells.append(current)
                current = []
                endsWithPipe = true
            } else {
                current.append(byte)
            }
            index += 1
        }
        if !endsWithPipe || cells.isEmpty { cells.append(current) }
        if row.first == UInt8(ascii: "|"), !cells.isEmpty { cells.removeFirst() }
        return cells.map { String(decoding: trimmed($0[...]), as: UTF8.self) }
    }

    /// The alignments of a delimiter row (`| :-- | :-: | --: |`), or nil when the line is not one.
    static func alignments(_ line: ArraySlice<UInt8>) -> [Alignment]? {
        let row = trimmed(line)
        guard row.contains(UInt8(ascii: "-")), row.allSatisfy({ Self.delimiterBytes.contains($0) }) else { return nil }
        var result: [Alignment] = []
        for cell in cells(row) {
            let bytes = Array(cell.utf8)
            let left = bytes.first == UInt8(ascii: ":")
            let right = bytes.count > 1 && bytes.last == UInt8(ascii: ":")
            let dashes = bytes.dropFirst(left ? 1 : 0).dropLast(right ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            result.append(left && right ? .center : right ? .right : left ? .left : .none)
        }
        return result.isEmpty ? nil : result
    }

    /// True when the line holds a pipe that is not escaped.
    static func hasPipe(_ line: ArraySlice<UInt8>) -> Bool {
        var escaped = false
        for byte in line {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "|") {
                return true
            }
        }
        return false
    }

    private static let delimiterBytes: Set<UInt8> = [UInt8(ascii: "|"), UInt8(ascii: "-"), UInt8(ascii: ":"), 32, 9]

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == 32 || first == 9 { slice = slice.dropFirst() }
        while let last = slice.last, last == 32 || last == 9 { slice = slice.dropLast() }
        return slice
    }
}
