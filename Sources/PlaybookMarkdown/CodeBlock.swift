/// A fenced or indented code block, offered to a hook before rendering.
public struct CodeBlock: Equatable, Sendable {
    /// The first word of the info string (`kpi` in "```kpi title"), empty when there is none.
    public var language: String
    /// The whole info string.
    public var info: String
    public var literal: String
    /// Line of the opening fence in the text given to the renderer (1-based).
    public var line: Int
    /// Inside another note shown on the page (an embed).
    public var isInEmbed = false

    public init(language: String, info: String, literal: String, line: Int) {
        self.language = language
        self.info = info
        self.literal = literal
        self.line = line
    }
}
