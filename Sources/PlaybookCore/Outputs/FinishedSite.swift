import Foundation

/// Everything an output reads: the site as the build finished it (pages rendered and placed in the
/// tree, the blocks collected, the dashboard summarised), with what a build that reuses work knows.
///
/// Unchecked: `reuse` and the search continuity hold closures; they are the ones the page renderer
/// already calls from every thread and the sink's own (locked) `reuse`, so outputs may run on
/// several threads at once.
public struct FinishedSite: @unchecked Sendable {
    public var config: SiteConfig
    public var theme: Theme
    public var tree: SiteTree
    public var blocks: SiteBlocks
    /// What the dashboard shows; nil when the site has none.
    public var dashboard: StatusSummary?
    /// Files from `content/` that are not pages, at their output paths.
    public var assets: [OutputFile]
    /// The renderer the pages were made with (outputs that render a page again start from it).
    public var renderer: PageRenderer
    public var parallel: Parallel
    /// "Today" for overdue items, calendars and reports.
    public var today: Day
    /// Whether the build writes the one-file export, which pages then link to.
    public var exporting = false
    /// Output paths whose previous copy is still right (incremental builds): the sink reuses them.
    var reuse: ((String) -> Bool)?
    /// The last build's search index to start from, and how to keep a previous file.
    var search: SearchIndexBuilder.Continuity?
    /// The export's page copies kept in the cache (nil without a cache).
    var exportPieces: ExportPieceCache?
    /// Hands freed memory back to the system after a large piece of work (`BuildOptions`).
    var releaseFreedMemory: (@Sendable () -> Void)?
    /// Let go of each page's HTML once it is written (nothing reads it afterwards).
    var forgetsWrittenHTML = false
}
