/// Callbacks that let the caller change a document while it is walked.
///
/// Hooks see plain Swift values only; they never touch cmark nodes.
public struct MarkdownHooks {
    /// Returns a new destination for a link or image, or nil to keep it.
    public var rewriteLink: ((LinkReference) -> String?)?
    /// Returns HTML that replaces a code block, or nil to keep it as code.
    public var replaceCodeBlock: ((CodeBlock) -> String?)?

    public init(
        rewriteLink: ((LinkReference) -> String?)? = nil,
        replaceCodeBlock: ((CodeBlock) -> String?)? = nil
    ) {
        self.rewriteLink = rewriteLink
        self.replaceCodeBlock = replaceCodeBlock
    }
}
