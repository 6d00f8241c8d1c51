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
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.first, Self.isFence(first, closing: false) else {
            return .success(SplitSource(frontMatter: nil, frontMatterLineOffset: 0, body: text, bodyLineOffset: 0))
        }
        lines = lines.dropFirst()
        guard let closing = lines.firstIndex(where: { Self.isFence($0, closing: true) }) else {
            return .failure(.error("", line: 1, "front matter opened with '---' on line 1 is never closed with '---'"))
        }
        let yaml = lines[lines.startIndex..<closing].joined(separator: "\n")
        let body = lines[(closing + 1)...].joined(separator: "\n")
        return .success(
            SplitSource(frontMatter: yaml, frontMatterLineOffset: 1, body: body, bodyLineOffset: closing + 1))
    }

    private static func isFence(_ line: Substring, closing: Bool) -> Bool {
        let trimmed = line.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed()
        return String(trimmed) == "---" || (closing && String(trimmed) == "...")
    }
}
