/// A heading found in a document, with the `id` the renderer gave it.
public struct Heading: Equatable, Hashable, Sendable {
    public var level: Int
    public var text: String
    public var id: String
    /// Line in the text given to the renderer (1-based).
    public var line: Int

    public init(level: Int, text: String, id: String, line: Int) {
        self.level = level
        self.text = text
        self.id = id
        self.line = line
    }
}

/// A link or image destination found in a document.
public struct LinkReference: Equatable, Hashable, Sendable {
    public var destination: String
    public var line: Int
    public var isImage: Bool

    public init(destination: String, line: Int, isImage: Bool) {
        self.destination = destination
        self.line = line
        self.isImage = isImage
    }
}

/// A fenced or indented code block, offered to a hook before rendering.
public struct CodeBlock: Equatable, Sendable {
    /// The first word of the info string (`kpi` in "```kpi title"), empty when there is none.
    public var language: String
    /// The whole info string.
    public var info: String
    public var literal: String
    /// Line of the opening fence in the text given to the renderer (1-based).
    public var line: Int
}

/// The HTML of a document and what the renderer learnt while walking it.
public struct RenderedMarkdown: Equatable, Sendable {
    public var html: String
    public var headings: [Heading]
    public var links: [LinkReference]
    /// The text of the first level-1 heading, if any.
    public var firstTitle: String?
    /// True when the document's first block is a level-1 heading.
    public var startsWithTitle: Bool
    /// The plain text of the first top-level paragraph (a fallback summary).
    public var firstParagraph: String
    /// Body text without markup, for search; heading and generated-block text is not included.
    public var plainText: String
}

/// A Markdown list with `[ ] ` / `[x] ` items, found on the AST.
public struct TaskList: Equatable, Sendable {
    /// One task: its state, its text without the marker, and its line.
    public struct Item: Equatable, Sendable {
        public var checked: Bool
        public var text: String
        public var line: Int
    }

    public var items: [Item]
    public var line: Int
}

/// HTML a hook supplies for a task list: around the list, and around each task's content.
public struct TaskListMarkup: Equatable, Sendable {
    public var before: String
    public var after: String
    /// One opening string per task item (typically `<label><input type="checkbox">`).
    public var itemOpen: [String]
    public var itemClose: String

    public init(before: String, after: String, itemOpen: [String], itemClose: String) {
        self.before = before
        self.after = after
        self.itemOpen = itemOpen
        self.itemClose = itemClose
    }
}
