import Foundation

/// A content file split into front matter and Markdown body, not yet rendered.
///
/// Its fields are `Fields`, read and changed through the source (`source.path`). A value with one
/// shared box inside (copied on the first change): a large site's sources are copied between stages
/// and arrays, and a copy is then one reference count, not one per field.
@dynamicMemberLookup
public struct PageSource: Hashable, Sendable {
    public struct Fields: Hashable, Sendable {
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

    private var box: SharedBox<Fields>

    public init(path: String, folders: [String], baseName: String, kind: PageKind, frontMatter: FrontMatter, body: String, bodyLineOffset: Int) {
        self.init(
            Fields(path: path, folders: folders, baseName: baseName, kind: kind, frontMatter: frontMatter, body: body, bodyLineOffset: bodyLineOffset)
        )
    }

    init(_ fields: Fields) { box = SharedBox(fields) }

    /// The source's fields, read.
    var fields: Fields { box.value }

    /// The page's `aliases:`, read without copying its front matter (every page's, every build).
    var aliases: [String] { box.value.frontMatter.aliases }

    public subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        get { box.value[keyPath: field] }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = SharedBox(box.value) }
            yield &box.value[keyPath: field]
        }
    }

    public static func == (left: PageSource, right: PageSource) -> Bool { left.box === right.box || left.box.value == right.box.value }

    public func hash(into hasher: inout Hasher) { hasher.combine(box.value) }
}
