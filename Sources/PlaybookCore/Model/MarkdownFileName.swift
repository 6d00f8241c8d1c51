/// Whether a file name is a Markdown page: it ends in `.md` in any case (`notes.md`, `README.MD`) and
/// has a name before it. Read as bytes: the content walk asks for every file of a large site.
enum MarkdownFileName {
    static func matches(_ name: String) -> Bool {
        let bytes = name.utf8
        guard bytes.count > 3 else { return false }
        var index = bytes.index(bytes.endIndex, offsetBy: -3)
        guard bytes[index] == UInt8(ascii: ".") else { return false }
        index = bytes.index(after: index)
        guard bytes[index] | 0x20 == UInt8(ascii: "m") else { return false }
        return bytes[bytes.index(after: index)] | 0x20 == UInt8(ascii: "d")
    }
}
