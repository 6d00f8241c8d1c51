import Foundation

/// Where an item was written.
public struct ItemLocation: Hashable, Sendable {
    /// Output path of the page that shows the item (`delivery/kpis.html`).
    public var page: String
    /// The file the item is written in: the page's source, or a `data/` file for `source:` blocks.
    public var file: String
    /// The item's line in `file`.
    public var line: Int
    /// Line of the block's opening fence in the page's source.
    public var blockLine: Int
    /// Element id to link to: the heading above the block, or the block's own id.
    public var anchor: String?
}
