/// A source file's text cut into its YAML front matter and its Markdown body.
public struct SplitSource: Equatable, Sendable {
    /// The YAML between the `---` lines, nil when the file has no front matter.
    public var frontMatter: String?
    /// Lines before the YAML's first line (1 when it follows a `---` on line 1).
    public var frontMatterLineOffset: Int
    public var body: String
    /// Lines before the body's first line, to turn body lines into file lines.
    public var bodyLineOffset: Int
}

/// Splits `---`-fenced front matter from a Markdown body.
public struct FrontMatterSplitter: Sendable {
    public init() {}

    /// Splits normalised text (LF line ends, no BOM). Fails when the front matter is never closed.
    public func split(_ text: String) -> Result<SplitSource, Diagnostic> {
        // Works on UTF-8 bytes: only the first line and the closing fence matter, not the whole body.
        let bytes = Array(text.utf8)
        var lineStart = 0
        var lineNumber = 1
        var opened = false
        var yamlStart = 0
        while lineStart <= bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 10) ?? bytes.count
            let line = bytes[lineStart..<lineEnd]
            if !opened {
                guard Self.isFence(line, closing: false) else {
                    return .success(SplitSource(frontMatter: nil, frontMatterLineOffset: 0, body: text, bodyLineOffset: 0))
                }
                opened = true
                yamlStart = min(lineEnd + 1, bytes.count)
            } else if Self.isFence(line, closing: true) {
                let yaml = String(decoding: bytes[yamlStart..<max(yamlStart, lineStart - 1)], as: UTF8.self)
                let body = lineEnd < bytes.count ? String(decoding: bytes[(lineEnd + 1)...], as: UTF8.self) : ""
                return .success(
                    SplitSource(frontMatter: lineStart == yamlStart ? "" : yaml, frontMatterLineOffset: 1, body: body, bodyLineOffset: lineNumber))
            }
            lineStart = lineEnd + 1
            lineNumber += 1
        }
        return .failure(.error("", line: 1, "front matter opened with '---' on line 1 is never closed with '---'"))
    }

    private static func isFence(_ line: ArraySlice<UInt8>, closing: Bool) -> Bool {
        var end = line.endIndex
        while end > line.startIndex, line[end - 1] == 32 || line[end - 1] == 9 { end -= 1 }
        let trimmed = line[line.startIndex..<end]
        return trimmed.elementsEqual("---".utf8) || (closing && trimmed.elementsEqual("...".utf8))
    }
}
