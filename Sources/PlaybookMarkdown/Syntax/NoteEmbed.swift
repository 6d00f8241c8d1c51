/// A note shown inside another (`![[Note]]`, `![[Note#Heading]]`, `![[Note#^id]]`), as the caller
/// found it (`MarkdownHooks.embedNote`).
public struct NoteEmbed {
    /// The note's Markdown body (front matter removed).
    public var markdown: String
    /// Names the note in cycle checks and warnings (its path, `content/folder/Note.md`).
    public var path: String
    /// Where the embed's box links to: the note, as a link written on the page would give it (`/folder/Note.md`).
    public var destination: String
    /// The note's folder as a root-relative link (`/folder/`): the note's relative links are written from it.
    public var folder: String
    /// The note's title, shown as the box's link.
    public var title: String
    /// Wikilinks and embeds inside the note, resolved as the note itself resolves them.
    public var hooks: MarkdownHooks

    public init(markdown: String, path: String, destination: String, folder: String, title: String, hooks: MarkdownHooks) {
        (self.markdown, self.path, self.destination, self.folder, self.title, self.hooks) = (markdown, path, destination, folder, title, hooks)
    }
}
