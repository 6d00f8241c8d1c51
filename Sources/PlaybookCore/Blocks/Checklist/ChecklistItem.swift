import Foundation

/// One checklist entry, from a `checklist` block or a `[ ]` Markdown list item.
struct ChecklistItem {
    var text: String
    var done: Bool
    var owner: String?
    var due: Day?
    var day: String?
    /// Stable id within the page: where the browser remembers the tick.
    var id: String
    var line: Int
}
