import Foundation

/// A content file split into front matter and Markdown body, not yet rendered.
public struct PageSource: Hashable, Sendable {
    /// Path relative to the site root (`content/plan/seven-days.md`).
    public var path: String
    /// Folders between `content/` and the file.
    public var folders: [String]
    /// The file name without `.md`.
    public var baseName: String
    public var kind: PageKind
    public var frontMatter: FrontMatter
    public var body: String
    /// Lines before the body in the file: add it to body-relative lines.
    public var bodyLineOffset: Int
}
