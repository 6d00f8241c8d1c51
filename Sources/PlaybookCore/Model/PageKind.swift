import Foundation

/// What a page is in the site's structure.
public enum PageKind: String, Hashable, Sendable {
    /// `content/index.md` or `content/_index.md`.
    case home
    /// A folder's `_index.md` or `index.md`.
    case section
    case page
}
