/// Callbacks that let the caller change a document while it is walked.
///
/// Hooks see plain Swift values only; they never touch cmark nodes.
public struct MarkdownHooks {
    /// Returns a new destination for a link or image, or nil to keep it.
    public var rewriteLink: ((LinkReference) -> String?)?
    /// Returns HTML that replaces a code block, or nil to keep it as code.
    public var replaceCodeBlock: ((CodeBlock) -> String?)?
    /// Returns the markup for a list whose items start with `[ ] ` or `[x] `, or nil to leave it alone.
    public var taskList: ((TaskList) -> TaskListMarkup?)?
    /// Returns where a wikilink (`[[Note#Heading]]`) points, as a link written on the page would give
    /// it (`/folder/Note.md#heading`); nil: the note of that name beside the page.
    public var resolveWikilink: ((Wikilink) -> String?)?
    /// Returns the note an embed (`![[Note]]`, not an image or other file) shows, or nil to link to it.
    public var embedNote: ((Wikilink) -> NoteEmbed?)?
    /// Names the page being rendered (its path): an embed of it inside it is a cycle.
    public var pagePath = ""

    public init(
        rewriteLink: ((LinkReference) -> String?)? = nil,
        replaceCodeBlock: ((CodeBlock) -> String?)? = nil,
        taskList: ((TaskList) -> TaskListMarkup?)? = nil,
        resolveWikilink: ((Wikilink) -> String?)? = nil,
        embedNote: ((Wikilink) -> NoteEmbed?)? = nil, pagePath: String = ""
    ) {
        self.rewriteLink = rewriteLink
        self.replaceCodeBlock = replaceCodeBlock
        self.taskList = taskList
        self.resolveWikilink = resolveWikilink
        self.embedNote = embedNote
        self.pagePath = pagePath
    }
}
