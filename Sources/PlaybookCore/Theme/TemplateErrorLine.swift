import Mustache

/// Where a template parse error starts: swift-mustache reports the place where its parser gave up,
/// which for an unclosed tag or section is the end of the file. The line people need is where the
/// broken tag or the unclosed section opens.
enum TemplateErrorLine {
    /// The 1-based line in `source` to report for `error`; `parsedLine` is the parser's own.
    static func line(of error: MustacheTemplate.Error, in source: String, parsedLine: Int) -> Int {
        switch error {
        case .unfinishedName: return unclosedTagLine(in: source) ?? parsedLine
        case .expectedSectionEnd: return unclosedSectionLine(in: source) ?? parsedLine
        default: return parsedLine
        }
    }

    /// The error in words.
    static func message(for error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .unfinishedName?: return "a tag opened here is never closed with }}"
        case .expectedSectionEnd?: return "a section opened here is never closed with {{/…}}"
        case .sectionCloseNameIncorrect?: return "{{/…}} closes a section that is not the one open"
        default: return "\(error)"
        }
    }

    /// The line of the last `{{` that no `}}` follows.
    static func unclosedTagLine(in source: String) -> Int? {
        tags(in: source).unclosed
    }

    /// The line of the innermost `{{#name}}`, `{{^name}}`, `{{$name}}` or `{{<name}}` left open.
    static func unclosedSectionLine(in source: String) -> Int? {
        var open: [(name: String, line: Int)] = []
        for tag in tags(in: source).tags {
            guard let sigil = tag.body.first else { continue }
            let name = tag.body.dropFirst().trimmingCharacters(in: .whitespaces)
            if "#^$<".contains(sigil) {
                open.append((name, tag.line))
            } else if sigil == "/" {
                if let index = open.lastIndex(where: { $0.name == name }) { open.removeSubrange(index...) }
            }
        }
        return open.last?.line
    }

    /// The `{{…}}` tags of `source` (default delimiters) with their lines, and the line of a tag never closed.
    private static func tags(in source: String) -> (tags: [(body: String, line: Int)], unclosed: Int?) {
        let bytes = Array(source.utf8)
        var tags: [(String, Int)] = []
        var line = 1
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A { line += 1 }
            guard bytes[index] == UInt8(ascii: "{"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            let openLine = line
            var end = index + 2
            while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "}") && bytes[end + 1] == UInt8(ascii: "}")) {
                if bytes[end] == 0x0A { line += 1 }
                end += 1
            }
            guard end + 1 < bytes.count else { return (tags, openLine) }
            let body = String(decoding: bytes[(index + 2)..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            tags.append((body.hasPrefix("{") ? String(body.dropFirst()) : body, openLine))
            index = end + 2
        }
        return (tags, nil)
    }
}
