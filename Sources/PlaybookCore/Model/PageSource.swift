import Foundation

/// A content file split into front matter and Markdown body, not yet rendered.
///
/// A value with one shared box inside (copied on the first change): a large site's sources are
/// copied between stages and arrays, and a copy is then one reference count, not one per field.
public struct PageSource: Hashable, Sendable {
    private final class Box: @unchecked Sendable {
        var path: String
        var folders: [String]
        var baseName: String
        var kind: PageKind
        var frontMatter: FrontMatter
        var body: String
        var bodyLineOffset: Int

        init(path: String, folders: [String], baseName: String, kind: PageKind, frontMatter: FrontMatter, body: String, bodyLineOffset: Int) {
            self.path = path
            self.folders = folders
            self.baseName = baseName
            self.kind = kind
            self.frontMatter = frontMatter
            self.body = body
            self.bodyLineOffset = bodyLineOffset
        }

        func copy() -> Box {
            Box(path: path, folders: folders, baseName: baseName, kind: kind, frontMatter: frontMatter, body: body, bodyLineOffset: bodyLineOffset)
        }
    }

    private var box: Box

    public init(path: String, folders: [String], baseName: String, kind: PageKind, frontMatter: FrontMatter, body: String, bodyLineOffset: Int) {
        box = Box(path: path, folders: folders, baseName: baseName, kind: kind, frontMatter: frontMatter, body: body, bodyLineOffset: bodyLineOffset)
    }

    private mutating func unique() {
        if !isKnownUniquelyReferenced(&box) { box = box.copy() }
    }

    /// Path relative to the site root (`content/plan/seven-days.md`).
    public var path: String {
        _read { yield box.path }
        _modify {
            unique()
            yield &box.path
        }
    }

    /// Folders between `content/` and the file.
    public var folders: [String] {
        _read { yield box.folders }
        _modify {
            unique()
            yield &box.folders
        }
    }

    /// The file name without `.md`.
    public var baseName: String {
        _read { yield box.baseName }
        _modify {
            unique()
            yield &box.baseName
        }
    }

    public var kind: PageKind {
        _read { yield box.kind }
        _modify {
            unique()
            yield &box.kind
        }
    }

    public var frontMatter: FrontMatter {
        _read { yield box.frontMatter }
        _modify {
            unique()
            yield &box.frontMatter
        }
    }

    public var body: String {
        _read { yield box.body }
        _modify {
            unique()
            yield &box.body
        }
    }

    /// Lines before the body in the file: add it to body-relative lines.
    public var bodyLineOffset: Int {
        _read { yield box.bodyLineOffset }
        _modify {
            unique()
            yield &box.bodyLineOffset
        }
    }

    public static func == (left: PageSource, right: PageSource) -> Bool {
        if left.box === right.box { return true }
        let (a, b) = (left.box, right.box)
        return a.path == b.path && a.folders == b.folders && a.baseName == b.baseName && a.kind == b.kind && a.frontMatter == b.frontMatter
            && a.body == b.body && a.bodyLineOffset == b.bodyLineOffset
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.path)
        hasher.combine(box.folders)
        hasher.combine(box.baseName)
        hasher.combine(box.kind)
        hasher.combine(box.frontMatter)
        hasher.combine(box.body)
        hasher.combine(box.bodyLineOffset)
    }
}
