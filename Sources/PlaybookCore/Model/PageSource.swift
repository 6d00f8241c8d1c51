import Foundation

/// A file read from the site folder: its path relative to the site root and its bytes.
public struct SourceFile: Hashable, Sendable {
    public var path: String
    public var data: Data

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }
}

/// What a page is in the site's structure.
public enum PageKind: String, Hashable, Sendable {
    /// `content/index.md` or `content/_index.md`.
    case home
    /// A folder's `_index.md` or `index.md`.
    case section
    case page
}

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
