import Foundation
import PlaybookMarkdown

/// The HTML a block becomes, and any files written beside its page.
struct BlockResult {
    var html = ""
    var attachments: [OutputFile] = []
    /// Lines relative to the block's YAML (or to the data file, when `path` is set).
    var problems: [Diagnostic] = []
    /// The block's values as plain text, for the search index.
    var searchText = ""
    /// The evaluated items, for the dashboard and the report; lines as in `problems`.
    var items = PageBlocks()
}
