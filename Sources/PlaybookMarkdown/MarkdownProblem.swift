/// Something in the Markdown a reader would want fixed, found while rendering.
public struct MarkdownProblem: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Always a warning (an unknown callout type, an unused footnote).
        case warning
        /// A reference to nothing (a footnote without a definition): treated like a broken link.
        case brokenReference
        /// An embedded note not shown (a cycle, nesting too deep): a warning.
        case embed
    }

    public var kind: Kind
    /// Line in the text given to the renderer (1-based).
    public var line: Int
    public var message: String
}
